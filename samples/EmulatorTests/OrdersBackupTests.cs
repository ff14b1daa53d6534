using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Wire;
using static BackupKit.Model.Retention;

namespace BackupKit.Samples.EmulatorTests;

/// <summary>
/// The team's posture, and what it must do: protect every table tagged for backup, from the first night on, and keep
/// the retention the auditors asked for.
/// </summary>
public sealed class OrdersBackupTests : IAsyncLifetime
{
    private readonly EmulatorFixture _aws = new();

    public Task InitializeAsync() => _aws.InitializeAsync();

    public Task DisposeAsync() => _aws.DisposeAsync();

    /// <summary>The code under test: the posture the team deploys.</summary>
    private static BackupPosture OrdersPosture() => BackupPosture.Create()
        .AddVault("orders", v => v.Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(400))))
        .AddPlan("orders-nightly", p => p
            .AddRule("nightly", r => r.Daily(at: new TimeOnly(3, 0)).InVault("orders").DeleteAfter(Days(35)))
            .Select("tagged", s => s.WhereTag("backup", "orders")))
        .Build();

    private static string Table(string name) => $"arn:aws:dynamodb:{EmulatorFixture.Region}:{EmulatorFixture.Account}:table/{name}";

    [Fact]
    public async Task Every_tagged_table_has_a_recovery_point_kept_35_days_after_the_first_night()
    {
        _aws.Emulator.Inventory.Add(Table("orders"), new Dictionary<string, string> { ["backup"] = "orders" });
        _aws.Emulator.Inventory.Add(Table("scratch"), new Dictionary<string, string>());
        await new PostureApplier(_aws.Client).ApplyAsync(OrdersPosture());

        _aws.Clock.Advance(TimeSpan.FromDays(1));

        var points = new List<RecoveryPointByBackupVault>();
        await foreach (var point in _aws.Client.PaginateListRecoveryPointsByBackupVault(new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "orders" }))
        {
            points.Add(point);
        }

        var orders = Assert.Single(points);
        Assert.Equal(Table("orders"), orders.ResourceArn);
        Assert.Equal(35, orders.Lifecycle?.DeleteAfterDays);
    }

    [Fact]
    public async Task A_table_tagged_after_deploy_is_protected_by_the_next_night()
    {
        await new PostureApplier(_aws.Client).ApplyAsync(OrdersPosture());
        _aws.Emulator.Inventory.Add(Table("invoices"), new Dictionary<string, string>());
        _aws.Clock.Advance(TimeSpan.FromDays(1));
        _aws.Emulator.Inventory.Tag(Table("invoices"), "backup", "orders");

        _aws.Clock.Advance(TimeSpan.FromDays(1));

        var protectedResource = await _aws.Client.DescribeProtectedResourceAsync(new DescribeProtectedResourceInput { ResourceArn = Table("invoices") });
        Assert.NotNull(protectedResource.LastBackupTime);
    }

    [Fact]
    public async Task A_retention_shortened_in_the_console_is_drift_and_the_next_apply_restores_it()
    {
        var applier = new PostureApplier(_aws.Client);
        await applier.ApplyAsync(OrdersPosture());
        var planId = (await _aws.Client.ListBackupPlansAsync(new ListBackupPlansInput())).BackupPlansList!.Single().BackupPlanId;
        var live = (await _aws.Client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = planId })).BackupPlan!;
        var rule = live.Rules!.Single();
        await _aws.Client.UpdateBackupPlanAsync(new UpdateBackupPlanInput
        {
            BackupPlanId = planId,
            BackupPlan = new BackupPlanInput
            {
                BackupPlanName = live.BackupPlanName,
                Rules = [new BackupRuleInput { RuleName = rule.RuleName, TargetBackupVaultName = rule.TargetBackupVaultName, ScheduleExpression = rule.ScheduleExpression, Lifecycle = new BackupKit.Wire.Lifecycle { DeleteAfterDays = 7 } }],
            },
        });

        var drift = await applier.DetectDriftAsync(OrdersPosture());
        await applier.ApplyAsync(OrdersPosture());

        Assert.True(drift.HasDrift);
        Assert.False((await applier.DetectDriftAsync(OrdersPosture())).HasDrift);
    }

    [Fact]
    public async Task The_deploy_survives_throttling_as_AWS_standard_retry_mode_would()
    {
        _aws.Emulator.Faults.Throttle("CreateBackupPlan", times: 2);

        await new PostureApplier(_aws.Client).ApplyAsync(OrdersPosture());

        Assert.Equal(3, _aws.Emulator.Faults.RequestCount("CreateBackupPlan"));
        Assert.Single((await _aws.Client.ListBackupPlansAsync(new ListBackupPlansInput())).BackupPlansList!);
    }
}
