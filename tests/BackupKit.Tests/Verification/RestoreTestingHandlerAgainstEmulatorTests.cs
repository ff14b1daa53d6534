using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Verification.RestoreTesting;
using BackupKit.Wire;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Verification;

/// <summary>
/// The restore testing handler against the emulator over HTTP: a posture with a restore testing plan is applied, the
/// emulator clock moves past a scheduled run, the handler validates what AWS restored and reports it, and the emulator
/// shows the result and deletes the restored resources.
/// </summary>
public sealed class RestoreTestingHandlerAgainstEmulatorTests
{
    private const string Orders = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
    private const string Ledger = "arn:aws:dynamodb:us-east-1:000000000000:table/ledger";
    private const string Scratch = "arn:aws:dynamodb:us-east-1:000000000000:table/scratch";

    /// <summary>Daily backups at 05:00 UTC; restore tests of the prod tables on Tuesdays at 08:00 UTC, kept two hours.</summary>
    private static BackupPosture Posture() => BackupPosture.Create()
        .AddVault("primary")
        .AddPlan("prod", p => p.AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35))).Select("all", s => s.AllResources()))
        .AddRestoreTestingPlan("weekly_drill", t => t
            .Weekly(DayOfWeek.Tuesday, new TimeOnly(8, 0))
            .FromAllVaults()
            .RecoveryPointTypes(BackupKit.Model.RestoreTestingRecoveryPointType.Snapshot)
            .Test("tables", "DynamoDB", s => s.AllProtectedResources().WhereTag("env", "prod").ValidateWithin(TimeSpan.FromHours(2))))
        .Build();

    [Fact]
    public async Task Scheduled_restore_tests_are_validated_reported_and_their_resources_deleted_and_a_corrupted_restore_is_FAILED()
    {
        await using var world = await DrillWorld.StartAsync();
        world.Emulator.Inventory.Add(Orders, new Dictionary<string, string> { ["env"] = "prod" }, content: new ResourceContent(52_000, "orders-v1"));
        world.Emulator.Inventory.Add(Ledger, new Dictionary<string, string> { ["env"] = "prod" }, content: new ResourceContent(9_000, "ledger-v1"));
        world.Emulator.Inventory.Add(Scratch, new Dictionary<string, string> { ["env"] = "dev" });
        var posture = Posture();
        await new PostureApplier(world.Client).ApplyAsync(posture);

        // AWS reports the ledger restore COMPLETED, but its data differs from the backup.
        world.Emulator.Faults.CorruptRestore(Ledger);
        var options = new RestoreTestingValidationOptions().ForPosture(posture);
        options.Validators.Add(world.ContentValidator());
        var handler = new RestoreTestingValidationHandler(world.Client, options, timeProvider: world.Clock);

        // Monday 10:00 -> Tuesday 08:30: the 05:00 backups and the 08:00 restore tests (22 minutes each) have completed.
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 8, 30, 0, TimeSpan.Zero));
        var results = await handler.ValidatePendingAsync();

        Assert.Equal(2, results.Count);
        var orders = results.Single(r => r.ResourceArn == Orders);
        var ledger = results.Single(r => r.ResourceArn == Ledger);
        Assert.True(orders.Reported);
        Assert.Equal("SUCCESSFUL", orders.ValidationStatus);
        Assert.Equal(TimeSpan.FromMinutes(22), orders.RestoreDuration);
        Assert.True(ledger.Reported);
        Assert.Equal("FAILED", ledger.ValidationStatus);
        Assert.Contains("differs from the backup's", ledger.Message, StringComparison.Ordinal);

        var ordersJob = await world.Client.DescribeRestoreJobAsync(new DescribeRestoreJobInput { RestoreJobId = orders.RestoreJobId });
        var ledgerJob = await world.Client.DescribeRestoreJobAsync(new DescribeRestoreJobInput { RestoreJobId = ledger.RestoreJobId });
        Assert.Equal(RestoreJobStatus.COMPLETED, ledgerJob.Status);
        Assert.Equal(RestoreValidationStatus.SUCCESSFUL, ordersJob.ValidationStatus);
        Assert.Equal(orders.Message, ordersJob.ValidationStatusMessage);
        Assert.Equal(RestoreValidationStatus.FAILED, ledgerJob.ValidationStatus);
        Assert.Contains("differs from the backup's", ledgerJob.ValidationStatusMessage, StringComparison.Ordinal);
        Assert.Equal(RestoreDeletionStatus.DELETING, ordersJob.DeletionStatus);
        Assert.Equal(RestoreDeletionStatus.DELETING, ledgerJob.DeletionStatus);
        Assert.Equal(ordersJob.CreatedBy?.RestoreTestingPlanArn, ledgerJob.CreatedBy?.RestoreTestingPlanArn);
        Assert.DoesNotContain(await world.RestoreJobsAsync(), j => j.SourceResourceArn == Scratch);

        // Deletion finishes; nothing is left waiting for validation.
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        var deleted = await world.Client.DescribeRestoreJobAsync(new DescribeRestoreJobInput { RestoreJobId = ledger.RestoreJobId });
        Assert.Equal(RestoreDeletionStatus.SUCCESSFUL, deleted.DeletionStatus);
        Assert.Null(world.Emulator.Inventory.Find(ordersJob.CreatedResourceArn!));
        Assert.Null(world.Emulator.Inventory.Find(ledgerJob.CreatedResourceArn!));
        Assert.NotNull(world.Emulator.Inventory.Find(Orders));
        Assert.Empty(await handler.ValidatePendingAsync());
    }

    [Fact]
    public async Task A_job_whose_validation_window_ended_is_not_reported_and_AWS_deletes_its_resource()
    {
        await using var world = await DrillWorld.StartAsync();
        world.Emulator.Inventory.Add(Orders, new Dictionary<string, string> { ["env"] = "prod" });
        var posture = Posture();
        await new PostureApplier(world.Client).ApplyAsync(posture);
        var options = new RestoreTestingValidationOptions().ForPosture(posture);
        options.Validators.Add(world.ContentValidator());
        var handler = new RestoreTestingValidationHandler(world.Client, options, timeProvider: world.Clock);

        // Completed at 08:22, window of two hours less the two-minute safety margin.
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 10, 21, 0, TimeSpan.Zero));
        var job = Assert.Single(await world.RestoreJobsAsync(), j => j.CreatedBy?.RestoreTestingPlanArn is not null);
        var late = await handler.ValidateJobAsync(job.RestoreJobId!);
        world.Clock.Advance(TimeSpan.FromMinutes(10));
        var described = await world.Client.DescribeRestoreJobAsync(new DescribeRestoreJobInput { RestoreJobId = job.RestoreJobId });

        Assert.False(late.Reported);
        Assert.Contains("validation window ended", late.Message, StringComparison.Ordinal);
        Assert.Null(described.ValidationStatus);
        Assert.Equal(RestoreDeletionStatus.SUCCESSFUL, described.DeletionStatus);
        Assert.Null(world.Emulator.Inventory.Find(described.CreatedResourceArn!));
    }
}
