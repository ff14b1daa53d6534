using System.Text.Json;
using BackupKit.Verification;
using BackupKit.Verification.History;
using BackupKit.Verification.Reporting;
using BackupKit.Wire;

namespace BackupKit.Tests.Verification;

/// <summary>Restore drills against the emulator over HTTP, its clock moved by the polling, never slept.</summary>
public sealed class RestoreDrillTests : IAsyncLifetime
{
    private DrillWorld _world = null!;
    private IReadOnlyDictionary<string, string> _points = null!;

    public async Task InitializeAsync()
    {
        _world = await DrillWorld.StartAsync();
        _points = await _world.ProtectThreeAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_drill_over_DynamoDB_RDS_and_EBS_restores_validates_measures_and_cleans_up()
    {
        var options = _world.Options();
        options.Resources.Add(DrillResourceSelector.Type("DynamoDB"));
        options.Resources.Add(DrillResourceSelector.Arn(DrillWorld.Database));
        options.Resources.Add(DrillResourceSelector.Type("EBS"));
        options.Targets.Add(new RecoveryTarget(ResourceScope.All) { MaxRestoreDuration = TimeSpan.FromHours(1), MaxRecoveryPointAge = TimeSpan.FromDays(1) });

        var report = await new RestoreDrillRunner(timeProvider: _world.Clock).RunAsync(options);

        Assert.Equal(DrillOutcome.Passed, report.Outcome);
        Assert.Equal(new[] { DrillWorld.Database, DrillWorld.Volume, DrillWorld.Table }.Order(StringComparer.Ordinal), report.Resources.Select(r => r.ResourceArn));
        foreach (var resource in report.Resources)
        {
            Assert.Equal(ResourceOutcome.Passed, resource.Outcome);
            Assert.Equal(_points[resource.ResourceArn], resource.RecoveryPointArn);
            Assert.All(resource.Preflight, check => Assert.True(check.Passed, check.Message));
            Assert.Equal("COMPLETED", resource.RestoreStatus);
            Assert.True(resource.RestoreDuration > TimeSpan.Zero);
            Assert.Equal(resource.RestoreDuration + resource.ValidationDuration, resource.RecoveryTime);
            Assert.Equal(ValidatorOutcome.Passed, Assert.Single(resource.Validations).Outcome);
            Assert.All(resource.Targets, t => Assert.True(t.Met));
            Assert.Equal(CleanupOutcome.Deleted, resource.Cleanup.Outcome);
            Assert.Null(_world.Emulator.Inventory.Find(resource.RestoredResourceArn!));
        }

        // The restored table and instance got drill names: nothing was restored over the live resources.
        var table = report.Resources.Single(r => r.ResourceType == "DynamoDB");
        Assert.StartsWith("arn:aws:dynamodb:us-east-1:000000000000:table/orders-drill-", table.RestoredResourceArn, StringComparison.Ordinal);
        Assert.StartsWith("arn:aws:rds:us-east-1:000000000000:db:billing-drill-", report.Resources.Single(r => r.ResourceType == "RDS").RestoredResourceArn, StringComparison.Ordinal);
        Assert.NotNull(_world.Emulator.Inventory.Find(DrillWorld.Table));

        // AWS shows the three restore jobs, each started once.
        var jobs = await _world.RestoreJobsAsync();
        Assert.Equal(report.Resources.Select(r => r.RestoreJobId).Order(), jobs.Select(j => j.RestoreJobId).Order());

        using var json = JsonDocument.Parse(RestoreDrillReportWriter.ToJson(report));
        Assert.Equal(RestoreDrillReport.SchemaVersion, json.RootElement.GetProperty("schemaVersion").GetString());
        Assert.Equal("passed", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("resources").GetArrayLength());
    }

    [Fact]
    public async Task A_restore_AWS_reports_COMPLETED_with_wrong_content_is_caught_by_the_validator()
    {
        _world.Emulator.Faults.CorruptRestore(DrillWorld.Database);
        var options = _world.Options();
        options.Resources.Add(DrillResourceSelector.Tag("tier", "gold"));
        options.ResourceTags = (arn, _, _) => ValueTask.FromResult(_world.Emulator.Inventory.Find(arn)!.Tags);

        var report = await new RestoreDrillRunner(timeProvider: _world.Clock).RunAsync(options);

        Assert.Equal(DrillOutcome.Failed, report.Outcome);
        Assert.Equal([DrillWorld.Table, DrillWorld.Database], report.Resources.Select(r => r.ResourceArn).ToArray());
        var corrupted = report.Resources.Single(r => r.ResourceArn == DrillWorld.Database);
        Assert.Equal("COMPLETED", corrupted.RestoreStatus);
        Assert.Equal(ResourceOutcome.Failed, corrupted.Outcome);
        var validation = Assert.Single(corrupted.Validations);
        Assert.Equal(ValidatorOutcome.Failed, validation.Outcome);
        Assert.Contains("differs from the backup's billing-v1", validation.Message, StringComparison.Ordinal);
        Assert.Equal(CleanupOutcome.Deleted, corrupted.Cleanup.Outcome);
        Assert.Equal(ResourceOutcome.Passed, report.Resources.Single(r => r.ResourceArn == DrillWorld.Table).Outcome);

        var junit = RestoreDrillReportWriter.ToJUnitXml(report);
        Assert.Contains("tests=\"2\"", junit, StringComparison.Ordinal);
        Assert.Contains("failures=\"1\"", junit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missed_restore_time_target_fails_the_resource_with_the_measured_time()
    {
        var options = _world.Options();
        options.Resources.Add(DrillResourceSelector.Arn(DrillWorld.Table));
        options.Targets.Add(new RecoveryTarget(ResourceScope.Type("DynamoDB")) { MaxRestoreDuration = TimeSpan.FromMinutes(10) });

        var report = await new RestoreDrillRunner(timeProvider: _world.Clock).RunAsync(options);

        var table = Assert.Single(report.Resources);
        Assert.Equal(ResourceOutcome.Failed, table.Outcome);
        Assert.Equal(ValidatorOutcome.Passed, Assert.Single(table.Validations).Outcome);
        var verdict = Assert.Single(table.Targets);
        Assert.Equal(RecoveryMeasure.RestoreDuration, verdict.Measure);
        Assert.False(verdict.Met);
        Assert.Equal(table.RestoreDuration, verdict.Actual);
        Assert.True(verdict.Actual > TimeSpan.FromMinutes(20), "a DynamoDB restore takes at least about twenty minutes");
        Assert.Contains(table.Failures, f => f.StartsWith("RestoreDuration target of type DynamoDB missed", StringComparison.Ordinal));
        Assert.Contains("MISSED", RestoreDrillReportWriter.ToJUnitXml(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_preflight_is_reported_per_resource_and_starts_no_restore_at_all()
    {
        _world.Emulator.Inventory.Add("arn:aws:dynamodb:us-east-1:000000000000:table/orders-taken");
        var options = _world.Options();
        options.Resources.Add(DrillResourceSelector.Type("DynamoDB"));
        options.Resources.Add(DrillResourceSelector.Type("RDS"));
        options.Resources.Add(DrillResourceSelector.Type("EBS"));
        options.Resources.Add(DrillResourceSelector.Arn("arn:aws:dynamodb:us-east-1:000000000000:table/never-backed-up"));
        options.RequiredMetadataKeys["RDS"] = ["DBSubnetGroupName"];
        options.TargetName = (name, _) => name + "-taken";
        options.TargetExists = (arn, _) => ValueTask.FromResult(_world.Emulator.Inventory.Find(arn) is not null);

        var report = await new RestoreDrillRunner(timeProvider: _world.Clock).RunAsync(options);

        Assert.False(report.RestoresStarted);
        Assert.Empty(await _world.RestoreJobsAsync());
        Assert.Equal(DrillOutcome.Failed, report.Outcome);
        Assert.Contains(report.Notes, n => n.Contains("no restore was started", StringComparison.Ordinal));

        var byArn = report.Resources.ToDictionary(r => r.ResourceArn);
        Assert.Equal(ResourceOutcome.PreflightFailed, byArn[DrillWorld.Database].Outcome);
        Assert.Contains("DBSubnetGroupName", byArn[DrillWorld.Database].Preflight.Single(c => c.Name == "RestoreMetadata" && !c.Passed).Message, StringComparison.Ordinal);
        Assert.Equal(ResourceOutcome.PreflightFailed, byArn[DrillWorld.Table].Outcome);
        Assert.Contains("already exists", byArn[DrillWorld.Table].Preflight.Single(c => c.Name == "TargetName").Message, StringComparison.Ordinal);
        Assert.Equal(ResourceOutcome.PreflightFailed, byArn["arn:aws:dynamodb:us-east-1:000000000000:table/never-backed-up"].Outcome);
        Assert.Equal(ResourceOutcome.NotStarted, byArn[DrillWorld.Volume].Outcome);
        Assert.All(byArn[DrillWorld.Volume].Preflight, c => Assert.True(c.Passed));
    }

    [Fact]
    public async Task Without_a_role_preflight_fails_and_says_how_to_fix_it()
    {
        var options = _world.Options();
        options.IamRoleArn = null;
        options.Resources.Add(DrillResourceSelector.Arn(DrillWorld.Volume));

        var report = await new RestoreDrillRunner(timeProvider: _world.Clock).RunAsync(options);

        var check = Assert.Single(Assert.Single(report.Resources).Preflight, c => c.Name == "IamRole");
        Assert.False(check.Passed);
        Assert.Contains("RestoreDrillOptions.IamRoleArn", check.Message, StringComparison.Ordinal);
        Assert.Empty(await _world.RestoreJobsAsync());
    }

    [Fact]
    public async Task A_validator_that_hangs_times_out_and_one_that_throws_errors_failing_only_their_resources()
    {
        var options = _world.Options();
        options.Validators.Clear();
        options.Resources.Add(DrillResourceSelector.Type("DynamoDB"));
        options.Resources.Add(DrillResourceSelector.Type("RDS"));
        options.Resources.Add(DrillResourceSelector.Type("EBS"));
        options.ValidatorTimeout = TimeSpan.FromMinutes(5);
        options.Validators.Add(RestoreValidatorRegistration.Create("slow-query", ResourceScope.Type("RDS"), async (_, ct) =>
        {
            // A query that never answers; the drill's timeout (on the emulator clock) cancels it.
            _world.Clock.Advance(TimeSpan.FromMinutes(6));
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return RestoreValidationResult.Pass("unreachable");
        }));
        options.Validators.Add(RestoreValidatorRegistration.Create("broken", ResourceScope.Type("EBS"), (_, _) => throw new InvalidOperationException("mount failed")));
        options.Validators.Add(_world.ContentValidator());

        var report = await new RestoreDrillRunner(timeProvider: _world.Clock).RunAsync(options);

        var byType = report.Resources.ToDictionary(r => r.ResourceType);
        Assert.True(byType["EBS"].Validations.Count > 0, string.Join(" / ", byType["EBS"].Failures));
        var timedOut = byType["RDS"].Validations.Single(v => v.Name == "slow-query");
        Assert.Equal(ValidatorOutcome.TimedOut, timedOut.Outcome);
        Assert.Contains("5 min", timedOut.Message, StringComparison.Ordinal);
        Assert.Equal(ValidatorOutcome.Passed, byType["RDS"].Validations.Single(v => v.Name == "content-matches").Outcome);
        Assert.Equal(ResourceOutcome.Failed, byType["RDS"].Outcome);
        Assert.Equal(CleanupOutcome.Deleted, byType["RDS"].Cleanup.Outcome);

        var errored = Assert.Single(byType["EBS"].Validations, v => v.Name == "broken");
        Assert.Equal(ValidatorOutcome.Errored, errored.Outcome);
        Assert.Contains("mount failed", errored.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceOutcome.Passed, byType["DynamoDB"].Outcome);
    }

    [Fact]
    public async Task A_cancelled_drill_waits_for_started_restores_cleans_them_up_and_reports_what_is_left()
    {
        using var cancel = new CancellationTokenSource();
        var options = _world.Options();
        options.Resources.Add(DrillResourceSelector.Type("DynamoDB"));
        options.Resources.Add(DrillResourceSelector.Type("RDS"));
        options.Resources.Add(DrillResourceSelector.Type("EBS"));
        options.Cleanups.Remove("EBS");

        // Three waiters move one shared fake clock; a grace far longer than any restore keeps one waiter's jumps from
        // ending another's grace before its restore completes (the bound itself is tested below, with no grace).
        options.CancellationGracePeriod = TimeSpan.FromDays(2);
        options.Polling.Delay = async (pause, ct) =>
        {
            // Cancel the drill once its three restores run, then keep the clock moving for the grace wait.
            if (!cancel.IsCancellationRequested && (await _world.RestoreJobsAsync()).Count == 3)
            {
                await cancel.CancelAsync();
            }

            await _world.PollingDelay(pause, ct);
        };

        var cancelled = await Assert.ThrowsAsync<RestoreDrillCanceledException>(() => new RestoreDrillRunner(timeProvider: _world.Clock).RunAsync(options, cancel.Token));

        var report = cancelled.Report;
        Assert.Equal(DrillOutcome.Cancelled, report.Outcome);
        Assert.All(report.Resources, r => Assert.Equal(ResourceOutcome.Cancelled, r.Outcome));
        Assert.All(report.Resources, r => Assert.Equal("COMPLETED", r.RestoreStatus));
        Assert.Equal(CleanupOutcome.Deleted, report.Resources.Single(r => r.ResourceType == "DynamoDB").Cleanup.Outcome);
        Assert.Equal(CleanupOutcome.Deleted, report.Resources.Single(r => r.ResourceType == "RDS").Cleanup.Outcome);
        var volume = report.Resources.Single(r => r.ResourceType == "EBS");
        Assert.Equal(CleanupOutcome.LeftBehind, volume.Cleanup.Outcome);
        Assert.NotNull(_world.Emulator.Inventory.Find(volume.RestoredResourceArn!));
        Assert.Contains(volume.RestoredResourceArn!, cancelled.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await _world.RestoreJobsAsync()).Count);
    }

    [Fact]
    public async Task A_cancelled_drill_without_grace_reports_the_running_restores_as_left_behind()
    {
        using var cancel = new CancellationTokenSource();
        var options = _world.Options();
        options.Resources.Add(DrillResourceSelector.Arn(DrillWorld.Table));
        options.CancellationGracePeriod = TimeSpan.Zero;
        options.Polling.Delay = (pause, ct) =>
        {
            cancel.Cancel();
            return _world.PollingDelay(pause, ct);
        };

        var cancelled = await Assert.ThrowsAsync<RestoreDrillCanceledException>(() => new RestoreDrillRunner(timeProvider: _world.Clock).RunAsync(options, cancel.Token));

        var table = Assert.Single(cancelled.Report.Resources);
        Assert.Equal(CleanupOutcome.LeftBehind, table.Cleanup.Outcome);
        Assert.Contains(table.RestoreJobId!, table.Cleanup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resource_goes_stale_when_the_clock_moves_past_the_limit_after_its_last_verification()
    {
        var history = new FileRestoreHistoryStore(Path.Combine(Path.GetTempPath(), "backupkit-tests", Guid.NewGuid().ToString("N"), "history.jsonl"));
        var options = _world.Options();
        options.Resources.Add(DrillResourceSelector.Arn(DrillWorld.Table));
        var runner = new RestoreDrillRunner(timeProvider: _world.Clock, history: history);
        var first = await runner.RunAsync(options);
        Assert.Equal(DrillOutcome.Passed, first.Outcome);

        var check = new RestoreStalenessCheck(history, _world.Clock);
        _world.Clock.Advance(TimeSpan.FromDays(6));
        var fresh = await check.CheckAsync([DrillWorld.Table, DrillWorld.Database], TimeSpan.FromDays(7));
        Assert.False(fresh.Findings.Single(f => f.ResourceArn == DrillWorld.Table).Stale);
        Assert.True(fresh.Findings.Single(f => f.ResourceArn == DrillWorld.Database).Stale);   // never verified

        _world.Clock.Advance(TimeSpan.FromDays(2));
        var stale = await check.CheckAsync([DrillWorld.Table], TimeSpan.FromDays(7));
        var finding = Assert.Single(stale.Findings);
        Assert.True(finding.Stale);
        Assert.Equal(first.CompletedAt, finding.LastVerifiedAt);
        Assert.False(stale.Passed);

        // The next drill's report carries the trend and the last verified restore before it.
        await _world.BackUpAsync(_world.Client, DrillWorld.Vault, DrillWorld.Table);
        var second = await runner.RunAsync(options);
        var history2 = Assert.Single(second.Resources).History!;
        Assert.Equal(first.CompletedAt, history2.LastVerifiedAt);
        Assert.Equal([first.Resources[0].RestoreDuration!.Value], history2.PreviousRestoreDurations);
        Assert.Contains("Restore time trend", RestoreDrillReportWriter.ToMarkdown(second), StringComparison.Ordinal);
        Assert.True((await check.CheckAsync([DrillWorld.Table], TimeSpan.FromDays(7))).Passed);
    }

    [Fact]
    public async Task A_drill_restores_from_the_disaster_recovery_copy_in_another_Region()
    {
        using var dr = _world.ClientFor("eu-west-1");
        var drVault = await dr.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "dr" });
        var copy = await _world.Client.StartCopyJobAsync(new StartCopyJobInput
        {
            RecoveryPointArn = _points[DrillWorld.Table],
            SourceBackupVaultName = DrillWorld.Vault,
            DestinationBackupVaultArn = drVault.BackupVaultArn,
            IamRoleArn = DrillWorld.Role,
            IdempotencyToken = Guid.NewGuid().ToString("N"),
        });
        _world.Clock.Advance(TimeSpan.FromHours(1));
        var copied = await _world.Client.DescribeCopyJobAsync(new DescribeCopyJobInput { CopyJobId = copy.CopyJobId });
        Assert.Equal(CopyJobState.COMPLETED, copied.CopyJob!.State);

        var options = _world.Options(dr, "dr");
        options.Source!.Label = "dr eu-west-1";
        options.Resources.Add(DrillResourceSelector.Arn(DrillWorld.Table));
        var report = await new RestoreDrillRunner(timeProvider: _world.Clock).RunAsync(options);

        var table = Assert.Single(report.Resources);
        Assert.Equal(DrillOutcome.Passed, report.Outcome);
        Assert.Equal(copied.CopyJob.DestinationRecoveryPointArn, table.RecoveryPointArn);
        Assert.StartsWith("arn:aws:dynamodb:eu-west-1:", table.RestoredResourceArn, StringComparison.Ordinal);
        Assert.Empty(await _world.RestoreJobsAsync());
        Assert.Single(await _world.RestoreJobsAsync(dr));
    }

    [Fact]
    public async Task Only_usable_recovery_points_are_chosen_and_a_window_without_one_fails_preflight()
    {
        _world.Clock.Advance(TimeSpan.FromDays(2));
        var options = _world.Options();
        options.Resources.Add(DrillResourceSelector.Arn(DrillWorld.Table));
        options.RecoveryPoint = RecoveryPointChoice.LatestWithin(TimeSpan.FromDays(1));

        var report = await new RestoreDrillRunner(timeProvider: _world.Clock).PreflightAsync(options);

        Assert.True(report.DryRun);
        var check = Assert.Single(report.Resources).Preflight.Single(c => c.Name == "RecoveryPoint");
        Assert.False(check.Passed);
        Assert.Contains("No usable recovery point was created in the last", check.Message, StringComparison.Ordinal);

        options.RecoveryPoint = RecoveryPointChoice.Latest;
        var dryRun = await new RestoreDrillRunner(timeProvider: _world.Clock).PreflightAsync(options);
        Assert.All(Assert.Single(dryRun.Resources).Preflight, c => Assert.True(c.Passed, c.Message));
        Assert.Equal(ResourceOutcome.NotStarted, dryRun.Resources[0].Outcome);
        Assert.Empty(await _world.RestoreJobsAsync());
    }
}
