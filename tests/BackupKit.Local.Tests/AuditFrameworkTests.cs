using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class AuditFrameworkTests : EmulatorTest
{
    internal static FrameworkControl Control(string name, params (string Name, string Value)[] parameters) => new()
    {
        ControlName = name,
        ControlInputParameters = parameters.Length == 0 ? null : [.. parameters.Select(p => new ControlInputParameter { ParameterName = p.Name, ParameterValue = p.Value })],
    };

    internal static List<FrameworkControl> Controls() =>
    [
        Control("BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", ("requiredRetentionDays", "35")),
        Control("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", ("requiredFrequencyUnit", "hours"), ("requiredFrequencyValue", "24"), ("requiredRetentionDays", "35")),
        new FrameworkControl { ControlName = "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", ControlScope = new ControlScope { ComplianceResourceTypes = ["DynamoDB", "RDS"] } },
    ];

    [Fact]
    public async Task Framework_deploys_in_emulated_time_and_is_described_listed_updated_and_deleted()
    {
        var created = await CallAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = "baseline", FrameworkDescription = "Company baseline", FrameworkControls = Controls(), IdempotencyToken = "tok-1", FrameworkTags = new() { ["owner"] = "audit" } });
        var again = await CallAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = "baseline", FrameworkControls = Controls(), IdempotencyToken = "tok-1" });
        var duplicate = await ErrorAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = "baseline", FrameworkControls = Controls() });
        var deploying = await CallAsync(BackupOperations.DescribeFramework, new DescribeFrameworkInput { FrameworkName = "baseline" });
        var tooEarly = await ErrorAsync(BackupOperations.UpdateFramework, new UpdateFrameworkInput { FrameworkName = "baseline", FrameworkControls = Controls() });
        var deleteTooEarly = await ErrorAsync(BackupOperations.DeleteFramework, new DeleteFrameworkInput { FrameworkName = "baseline" });

        Assert.StartsWith("arn:aws:backup:us-east-1:000000000000:framework:baseline-", created.FrameworkArn);
        Assert.Equal(created.FrameworkArn, again.FrameworkArn);
        Assert.Equal("AlreadyExistsException", duplicate.ErrorType);
        Assert.Equal("CREATE_IN_PROGRESS", deploying.DeploymentStatus);
        Assert.Equal("ACTIVE", deploying.FrameworkStatus);
        Assert.Equal(Clock.GetUtcNow(), deploying.CreationTime);
        Assert.Equal(3, deploying.FrameworkControls!.Count);
        Assert.Equal(["DynamoDB", "RDS"], deploying.FrameworkControls[2].ControlScope!.ComplianceResourceTypes!);
        Assert.Equal("ConflictException", tooEarly.ErrorType);
        Assert.Equal("ConflictException", deleteTooEarly.ErrorType);
        Assert.Equal("audit", (await CallAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = created.FrameworkArn })).Tags!["owner"]);

        Clock.Advance(TimeSpan.FromMinutes(3));
        var deployed = await CallAsync(BackupOperations.DescribeFramework, new DescribeFrameworkInput { FrameworkName = "baseline" });
        await CallAsync(BackupOperations.UpdateFramework, new UpdateFrameworkInput { FrameworkName = "baseline", FrameworkControls = [Control("BACKUP_RECOVERY_POINT_ENCRYPTED")], IdempotencyToken = "tok-2" });
        var listed = await CallAsync(BackupOperations.ListFrameworks, new ListFrameworksInput());

        Assert.Equal("COMPLETED", deployed.DeploymentStatus);
        Assert.Equal("UPDATE_IN_PROGRESS", listed.Frameworks!.Single().DeploymentStatus);
        Assert.Equal(1, listed.Frameworks!.Single().NumberOfControls);
        Assert.Equal("Company baseline", listed.Frameworks!.Single().FrameworkDescription);

        Clock.Advance(TimeSpan.FromMinutes(3));
        await CallAsync(BackupOperations.DeleteFramework, new DeleteFrameworkInput { FrameworkName = "baseline" });
        Assert.Equal("ResourceNotFoundException", (await ErrorAsync(BackupOperations.DescribeFramework, new DescribeFrameworkInput { FrameworkName = "baseline" })).ErrorType);
    }

    public static TheoryData<string, FrameworkControl> RefusedControls() => new()
    {
        { "unknown control", Control("BACKUP_EVERYTHING") },
        { "parameter of another control", Control("BACKUP_RECOVERY_POINT_ENCRYPTED", ("requiredRetentionDays", "35")) },
        { "unknown unit", Control("BACKUP_LAST_RECOVERY_POINT_CREATED", ("recoveryPointAgeUnit", "weeks"), ("recoveryPointAgeValue", "1")) },
        { "age above 744 hours", Control("BACKUP_LAST_RECOVERY_POINT_CREATED", ("recoveryPointAgeUnit", "hours"), ("recoveryPointAgeValue", "745")) },
        { "age above 31 days", Control("BACKUP_LAST_RECOVERY_POINT_CREATED", ("recoveryPointAgeUnit", "days"), ("recoveryPointAgeValue", "32")) },
        { "frequency above 24 hours", Control("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", ("requiredFrequencyUnit", "hours"), ("requiredFrequencyValue", "25")) },
        { "retention zero", Control("BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", ("requiredRetentionDays", "0")) },
        { "min above max", Control("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", ("minRetentionDays", "30"), ("maxRetentionDays", "7")) },
        { "restore time missing", Control("RESTORE_TIME_FOR_RESOURCES_MEET_TARGET") },
        { "six principals", Control("BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", ("principalArnList", string.Join(",", Enumerable.Range(1, 6).Select(i => $"arn:aws:iam::000000000000:role/r{i}")))) },
        { "invented region", Control("BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", ("crossRegionList", "us-west-2,mars-north-1")) },
        { "account not 12 digits", Control("BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT", ("crossAccountList", "1234")) },
        { "LAG age above 91 days", Control("RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT", ("recoveryPointAgeUnit", "days"), ("recoveryPointAgeValue", "92")) },
        { "scope of unknown type", new FrameworkControl { ControlName = "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", ControlScope = new ControlScope { ComplianceResourceTypes = ["Lambda"] } } },
        { "resource id without one type", new FrameworkControl { ControlName = "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", ControlScope = new ControlScope { ComplianceResourceIds = ["orders"] } } },
        { "two scope tags", new FrameworkControl { ControlName = "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", ControlScope = new ControlScope { Tags = new() { ["a"] = "1", ["b"] = "2" } } } },
    };

    [Theory]
    [MemberData(nameof(RefusedControls))]
    public async Task Controls_AWS_refuses_are_refused(string why, FrameworkControl control)
    {
        var refused = await ErrorAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = "f", FrameworkControls = [control] });

        Assert.True(refused.ErrorType == "InvalidParameterValueException", $"{why}: {refused.ErrorType} {refused.BodyMessage}");
    }

    [Theory]
    [InlineData("1starts_with_digit")]
    [InlineData("has-dash")]
    [InlineData("trailing_newline\n")]
    public async Task Framework_names_follow_the_model_pattern(string name)
    {
        var refused = await ErrorAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = name, FrameworkControls = [Control("BACKUP_RECOVERY_POINT_ENCRYPTED")] });

        Assert.Equal("InvalidParameterValueException", refused.ErrorType);
    }

    [Fact]
    public async Task Frameworks_and_their_controls_are_limited_per_account_and_Region()
    {
        var fifty = Enumerable.Range(0, 17).Select(_ => Control("BACKUP_RECOVERY_POINT_ENCRYPTED")).ToList();
        await CallAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = "a", FrameworkControls = fifty });
        await CallAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = "b", FrameworkControls = fifty });
        var tooManyControls = await ErrorAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = "c", FrameworkControls = fifty });
        for (var i = 0; i < 13; i++)
        {
            await CallAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = $"small{i}", FrameworkControls = [Control("BACKUP_RECOVERY_POINT_ENCRYPTED")] });
        }

        var tooManyFrameworks = await ErrorAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = "last", FrameworkControls = [Control("BACKUP_RECOVERY_POINT_ENCRYPTED")] });

        Assert.Equal("LimitExceededException", tooManyControls.ErrorType);
        Assert.Equal("LimitExceededException", tooManyFrameworks.ErrorType);
    }
}
