using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

/// <summary>Helpers shared by the data-plane tests: ARNs in AWS's form, a plan with one daily rule and a selection.</summary>
public abstract class DataPlaneTest : EmulatorTest
{
    internal const string Account = "000000000000";
    internal const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";

    /// <summary>The first daily run of the default schedule (05:00 UTC) after the test clock's start (2026-03-02 10:00 UTC).</summary>
    internal static readonly DateTimeOffset FirstRun = new(2026, 3, 3, 5, 0, 0, TimeSpan.Zero);

    internal static string Table(string name, string region = "us-east-1") => $"arn:aws:dynamodb:{region}:{Account}:table/{name}";

    internal static string Volume(string id) => $"arn:aws:ec2:us-east-1:{Account}:volume/vol-{id}";

    internal static string Database(string id) => $"arn:aws:rds:us-east-1:{Account}:db:{id}";

    internal static Dictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    /// <summary>Creates the vault, a plan with one daily rule (05:00 UTC, 35 days) and the selection; returns the plan id.</summary>
    internal async Task<string> PlanAsync(BackupSelection selection, BackupRuleInput? rule = null, string vault = "primary")
    {
        await CreateVaultAsync(vault);
        var plan = await CallAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput
        {
            BackupPlan = new BackupPlanInput
            {
                BackupPlanName = "nightly",
                Rules = [rule ?? new BackupRuleInput { RuleName = "daily", TargetBackupVaultName = vault, Lifecycle = new Lifecycle { DeleteAfterDays = 35 } }],
            },
        });
        await CallAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = selection });
        return plan.BackupPlanId!;
    }

    internal static BackupSelection ByTags(params (string Key, string Value)[] tags) => new()
    {
        SelectionName = "by-tags",
        IamRoleArn = Role,
        ListOfTags = [.. tags.Select(t => new Condition { ConditionType = ConditionType.STRINGEQUALS, ConditionKey = t.Key, ConditionValue = t.Value })],
    };

    internal async Task<List<BackupJob>> JobsAsync(ListBackupJobsInput? filter = null) =>
        (await CallAsync(BackupOperations.ListBackupJobs, filter ?? new ListBackupJobsInput())).BackupJobs!;

    internal async Task<List<RecoveryPointByBackupVault>> PointsAsync(string vault = "primary") =>
        (await CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = vault })).RecoveryPoints!;
}
