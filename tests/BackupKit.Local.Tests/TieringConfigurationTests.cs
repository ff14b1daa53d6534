using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

/// <summary>Tiering configurations: create, get, update, delete, list, tags, with AWS's validation.</summary>
public sealed class TieringConfigurationTests : EmulatorTest
{
    private static List<ResourceSelection> AllBuckets(int days = 60) => [new ResourceSelection { ResourceType = "S3", Resources = ["*"], TieringDownSettingsInDays = days }];

    private Task<CreateTieringConfigurationOutput> CreateAsync(string name, string vault, List<ResourceSelection>? selection = null, string? requestId = null) =>
        CallAsync(BackupOperations.CreateTieringConfiguration, new CreateTieringConfigurationInput
        {
            TieringConfiguration = new TieringConfigurationInputForCreate { TieringConfigurationName = name, BackupVaultName = vault, ResourceSelection = selection ?? AllBuckets() },
            CreatorRequestId = requestId,
            TieringConfigurationTags = new() { ["team"] = "storage" },
        });

    [Fact]
    public async Task A_configuration_is_created_read_updated_listed_and_deleted()
    {
        await CreateVaultAsync("primary");
        var created = await CreateAsync("primary_tiering", "primary", requestId: "req-1");
        var retried = await CreateAsync("primary_tiering", "primary", requestId: "req-1");
        var global = await CreateAsync("all_vaults", "*");
        Clock.Advance(TimeSpan.FromHours(1));
        var updated = await CallAsync(BackupOperations.UpdateTieringConfiguration, new UpdateTieringConfigurationInput
        {
            TieringConfigurationName = "primary_tiering",
            TieringConfiguration = new TieringConfigurationInputForUpdate
            {
                BackupVaultName = "primary",
                ResourceSelection = [new ResourceSelection { ResourceType = "S3", Resources = ["arn:aws:s3:::invoices", "arn:aws:s3:::orders"], TieringDownSettingsInDays = 90 }],
            },
        });
        var got = (await CallAsync(BackupOperations.GetTieringConfiguration, new GetTieringConfigurationInput { TieringConfigurationName = "primary_tiering" })).TieringConfiguration!;
        var listed = (await CallAsync(BackupOperations.ListTieringConfigurations, new ListTieringConfigurationsInput())).TieringConfigurations!;
        var firstPage = await CallAsync(BackupOperations.ListTieringConfigurations, new ListTieringConfigurationsInput { MaxResults = 1 });
        var tags = await CallAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = created.TieringConfigurationArn });
        await CallAsync(BackupOperations.DeleteTieringConfiguration, new DeleteTieringConfigurationInput { TieringConfigurationName = "all_vaults" });
        var gone = await ErrorAsync(BackupOperations.GetTieringConfiguration, new GetTieringConfigurationInput { TieringConfigurationName = "all_vaults" });

        Assert.StartsWith("arn:aws:backup:us-east-1:000000000000:tiering-configuration:primary_tiering-", created.TieringConfigurationArn, StringComparison.Ordinal);
        Assert.Equal(created.TieringConfigurationArn, retried.TieringConfigurationArn);
        Assert.Equal(Clock.GetUtcNow().AddHours(-1), created.CreationTime);
        Assert.Equal(Clock.GetUtcNow(), updated.LastUpdatedTime);
        Assert.Equal("req-1", got.CreatorRequestId);
        Assert.Equal(["arn:aws:s3:::invoices", "arn:aws:s3:::orders"], got.ResourceSelection![0].Resources);
        Assert.Equal(90, got.ResourceSelection[0].TieringDownSettingsInDays);
        Assert.Equal(["primary_tiering", "all_vaults"], listed.Select(t => t.TieringConfigurationName));
        Assert.Equal("*", listed[1].BackupVaultName);
        Assert.Single(firstPage.TieringConfigurations!);
        Assert.NotNull(firstPage.NextToken);
        Assert.Equal("storage", tags.Tags!["team"]);
        Assert.Equal("ResourceNotFoundException", gone.ErrorType);
        Assert.NotEqual(global.TieringConfigurationArn, created.TieringConfigurationArn);
    }

    [Fact]
    public async Task Invalid_configurations_are_refused_as_AWS_refuses_them()
    {
        await CreateVaultAsync("primary");
        await CreateAsync("first", "primary");

        var sameName = await ErrorAsync(BackupOperations.CreateTieringConfiguration, new CreateTieringConfigurationInput
        {
            TieringConfiguration = new TieringConfigurationInputForCreate { TieringConfigurationName = "first", BackupVaultName = "*", ResourceSelection = AllBuckets() },
        });
        var sameVault = await ErrorAsync(BackupOperations.CreateTieringConfiguration, new CreateTieringConfigurationInput
        {
            TieringConfiguration = new TieringConfigurationInputForCreate { TieringConfigurationName = "second", BackupVaultName = "primary", ResourceSelection = AllBuckets() },
        });
        var noVault = await ErrorAsync(BackupOperations.CreateTieringConfiguration, new CreateTieringConfigurationInput
        {
            TieringConfiguration = new TieringConfigurationInputForCreate { TieringConfigurationName = "third", BackupVaultName = "missing", ResourceSelection = AllBuckets() },
        });
        var notS3 = await ErrorAsync(BackupOperations.CreateTieringConfiguration, new CreateTieringConfigurationInput
        {
            TieringConfiguration = new TieringConfigurationInputForCreate { TieringConfigurationName = "fourth", BackupVaultName = "*", ResourceSelection = [new ResourceSelection { ResourceType = "EBS", Resources = ["*"], TieringDownSettingsInDays = 60 }] },
        });
        var tooSoon = await ErrorAsync(BackupOperations.CreateTieringConfiguration, new CreateTieringConfigurationInput
        {
            TieringConfiguration = new TieringConfigurationInputForCreate { TieringConfigurationName = "fifth", BackupVaultName = "*", ResourceSelection = AllBuckets(days: 30) },
        });
        var tooMany = await ErrorAsync(BackupOperations.CreateTieringConfiguration, new CreateTieringConfigurationInput
        {
            TieringConfiguration = new TieringConfigurationInputForCreate
            {
                TieringConfigurationName = "sixth",
                BackupVaultName = "*",
                ResourceSelection = [new ResourceSelection { ResourceType = "S3", Resources = [.. Enumerable.Range(0, 101).Select(i => $"arn:aws:s3:::bucket-{i}")], TieringDownSettingsInDays = 60 }],
            },
        });
        var missingUpdate = await ErrorAsync(BackupOperations.UpdateTieringConfiguration, new UpdateTieringConfigurationInput
        {
            TieringConfigurationName = "nothing",
            TieringConfiguration = new TieringConfigurationInputForUpdate { BackupVaultName = "*", ResourceSelection = AllBuckets() },
        });

        Assert.Equal("AlreadyExistsException", sameName.ErrorType);
        Assert.Equal("AlreadyExistsException", sameVault.ErrorType);
        Assert.Contains("first", sameVault.BodyMessage, StringComparison.Ordinal);
        Assert.Equal("InvalidParameterValueException", noVault.ErrorType);
        Assert.Equal("InvalidParameterValueException", notS3.ErrorType);
        Assert.Contains("S3", notS3.BodyMessage, StringComparison.Ordinal);
        Assert.Equal("InvalidParameterValueException", tooSoon.ErrorType);
        Assert.Equal("LimitExceededException", tooMany.ErrorType);
        Assert.Equal("ResourceNotFoundException", missingUpdate.ErrorType);
        Assert.Single((await CallAsync(BackupOperations.ListTieringConfigurations, new ListTieringConfigurationsInput())).TieringConfigurations!);
    }
}
