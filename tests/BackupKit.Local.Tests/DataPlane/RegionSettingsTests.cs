using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

/// <summary>DescribeRegionSettings / UpdateRegionSettings, and opt-in deciding what scheduled backups protect.</summary>
public sealed class RegionSettingsTests : DataPlaneTest
{
    private static string Cluster(string id) => $"arn:aws:rds:us-east-1:{Account}:cluster:{id}";

    [Fact]
    public async Task An_opted_out_type_picked_by_tag_is_not_backed_up_but_an_ARN_that_names_its_type_still_is()
    {
        Emulator.Inventory.Add(Table("orders"), Tags(("backup", "daily")));
        Emulator.Inventory.Add(Volume("0a1"), Tags(("backup", "daily")));
        Emulator.Inventory.Add(Volume("0b2"));
        Emulator.Inventory.Add(Cluster("ledger"));
        var planId = await PlanAsync(ByTags(("backup", "daily")));
        await CallAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput
        {
            BackupPlanId = planId,
            BackupSelection = new BackupSelection { SelectionName = "by-arn", IamRoleArn = Role, Resources = [Volume("0b2"), Cluster("ledger")] },
        });

        await CallAsync(BackupOperations.UpdateRegionSettings, new UpdateRegionSettingsInput
        {
            ResourceTypeOptInPreference = new() { ["EBS"] = false, ["Aurora"] = false },
        });
        var settings = await CallAsync(BackupOperations.DescribeRegionSettings, new DescribeRegionSettingsInput());
        Clock.Advance(FirstRun - Clock.GetUtcNow() + TimeSpan.FromHours(1));
        var backedUp = (await JobsAsync()).Select(j => j.ResourceArn).Order(StringComparer.Ordinal).ToList();

        Assert.False(settings.ResourceTypeOptInPreference!["EBS"]);
        Assert.False(settings.ResourceTypeOptInPreference["Aurora"]);
        Assert.True(settings.ResourceTypeOptInPreference["DynamoDB"]);
        Assert.True(settings.ResourceTypeManagementPreference!["EFS"]);
        Assert.False(settings.ResourceTypeManagementPreference["DynamoDB"]);

        // The tagged volume is skipped; the volume named by ARN is protected anyway; Aurora always needs opt-in.
        Assert.Equal([Table("orders"), Volume("0b2")], backedUp);

        await CallAsync(BackupOperations.UpdateRegionSettings, new UpdateRegionSettingsInput { ResourceTypeOptInPreference = new() { ["EBS"] = true, ["Aurora"] = true } });
        Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = (await JobsAsync(new ListBackupJobsInput { ByCreatedAfter = FirstRun.AddHours(2) })).Select(j => j.ResourceArn).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([Table("orders"), Volume("0a1"), Volume("0b2"), Cluster("ledger")], nextDay);
    }

    [Fact]
    public async Task Opt_in_settings_are_per_Region()
    {
        using var west = CallerFor(region: "us-west-2");
        await CallAsync(BackupOperations.UpdateRegionSettings, new UpdateRegionSettingsInput { ResourceTypeOptInPreference = new() { ["S3"] = false } });

        var here = await CallAsync(BackupOperations.DescribeRegionSettings, new DescribeRegionSettingsInput());
        var there = await west.CallAsync(BackupOperations.DescribeRegionSettings, new DescribeRegionSettingsInput());

        Assert.False(here.ResourceTypeOptInPreference!["S3"]);
        Assert.True(there.ResourceTypeOptInPreference!["S3"]);
    }

    [Fact]
    public async Task Update_is_validated_as_AWS_validates_it()
    {
        var unknownType = await ErrorAsync(BackupOperations.UpdateRegionSettings, new UpdateRegionSettingsInput { ResourceTypeOptInPreference = new() { ["Lambda"] = true } });
        var unmanagedType = await ErrorAsync(BackupOperations.UpdateRegionSettings, new UpdateRegionSettingsInput { ResourceTypeManagementPreference = new() { ["EBS"] = true } });
        var empty = await ErrorAsync(BackupOperations.UpdateRegionSettings, new UpdateRegionSettingsInput());
        await CallAsync(BackupOperations.UpdateRegionSettings, new UpdateRegionSettingsInput { ResourceTypeManagementPreference = new() { ["DynamoDB"] = true } });

        Assert.Equal("InvalidParameterValueException", unknownType.ErrorType);
        Assert.Contains("Lambda", unknownType.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidParameterValueException", unmanagedType.ErrorType);
        Assert.Equal("MissingParameterValueException", empty.ErrorType);
        Assert.True((await CallAsync(BackupOperations.DescribeRegionSettings, new DescribeRegionSettingsInput())).ResourceTypeManagementPreference!["DynamoDB"]);
    }
}
