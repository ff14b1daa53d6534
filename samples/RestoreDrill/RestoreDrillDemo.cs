using Amazon.Runtime;
using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Verification;
using BackupKit.Verification.History;
using BackupKit.Verification.Reporting;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;
using static BackupKit.Model.Retention;

namespace BackupKit.Samples.RestoreDrill;

/// <summary>The restore drill sample, as a method tests can run too.</summary>
public static class RestoreDrillDemo
{
    private const string PrimaryRegion = "us-east-1";
    private const string DrRegion = "eu-west-1";
    private const string Account = "000000000000";

    /// <summary>Runs the sample and returns 0 when the drill caught exactly what it should.</summary>
    /// <param name="output">Where to print.</param>
    /// <param name="reportDirectory">Where the three reports go.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(TextWriter output, string reportDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { TimeProvider = clock }, cancellationToken);
        using var primary = Client(emulator, PrimaryRegion, clock);
        using var dr = Client(emulator, DrRegion, clock);
        output.WriteLine($"AWS Backup emulator on {emulator.Endpoint}, clock at {clock.GetUtcNow():u}");

        // 1. What is protected: three tables and a database, tagged for backup. The invoices table is large.
        var orders = Table("orders");
        var customers = Table("customers");
        var invoices = Table("invoices");
        var billing = $"arn:aws:rds:{PrimaryRegion}:{Account}:db:billing";
        var prod = new Dictionary<string, string> { ["backup"] = "prod" };
        emulator.Inventory.Add(orders, prod, sizeInBytes: 8L << 30, content: new ResourceContent(1_200_000, "orders"));
        emulator.Inventory.Add(customers, prod, sizeInBytes: 2L << 30, content: new ResourceContent(85_000, "customers"));
        emulator.Inventory.Add(invoices, prod, sizeInBytes: 200L << 30, content: new ResourceContent(40_000_000, "invoices"));
        emulator.Inventory.Add(billing, prod, sizeInBytes: 20L << 30, content: new ResourceContent(3_400_000, "billing"));

        // 2. The posture: a DR vault in another Region, backups every six hours copied there.
        var drResult = await new PostureApplier(dr).ApplyAsync(BackupPosture.Create().AddVault("dr").Build(), cancellationToken);
        var drVaultArn = drResult.Changes.Single(c => c.Kind == PostureObjectKind.Vault).Arn!;
        var posture = BackupPosture.Create()
            .AddVault("primary")
            .AddPlan("prod", p => p
                .AddRule("six-hourly", r => r.EveryHours(6, new TimeOnly(0, 0)).InVault("primary").DeleteAfter(Days(35)).CopyTo(drVaultArn, c => c.DeleteAfter(Days(35))))
                .Select("tagged", s => s.WhereTag("backup", "prod")))
            .Build();
        await new PostureApplier(primary).ApplyAsync(posture, cancellationToken);
        output.WriteLine($"Posture applied: vault primary ({PrimaryRegion}), plan prod every 6 h, copies to {drVaultArn}");

        // 3. A day passes on the emulator clock: scheduled backups, then copies to the DR vault.
        for (var hour = 0; hour < 26; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            await primary.ListBackupJobsAsync(new ListBackupJobsInput { MaxResults = 1 }, cancellationToken);
            await dr.ListBackupVaultsAsync(new ListBackupVaultsInput(), cancellationToken);
        }

        var backups = await CountAsync(primary.PaginateListBackupJobs(new ListBackupJobsInput { ByState = BackupJobState.COMPLETED }, cancellationToken));
        var copies = await CountAsync(dr.PaginateListRecoveryPointsByBackupVault(new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "dr" }, cancellationToken));
        output.WriteLine($"A day later ({clock.GetUtcNow():u}): {backups} backups completed, {copies} recovery points in the DR vault");

        // 4. The drill: restore the latest DR copy of every table and database, in the DR Region.
        emulator.Faults.CorruptRestore(customers);   // AWS will report COMPLETED; the data will be wrong.
        var options = new RestoreDrillOptions
        {
            Name = "dr-drill",
            Source = new RecoveryPointSource(dr, "dr") { Label = $"DR copies in {DrRegion}" },
            IamRoleArn = $"arn:aws:iam::{Account}:role/service-role/AWSBackupDefaultServiceRole",
            RecoveryPoint = RecoveryPointChoice.LatestWithin(TimeSpan.FromDays(1)),
            StalenessLimit = TimeSpan.FromDays(7),
        };
        options.Resources.Add(DrillResourceSelector.Type("DynamoDB"));
        options.Resources.Add(DrillResourceSelector.Type("RDS"));
        options.Targets.Add(new RecoveryTarget(ResourceScope.Type("DynamoDB")) { MaxRestoreDuration = TimeSpan.FromMinutes(45), MaxRecoveryPointAge = TimeSpan.FromHours(12) });
        options.Targets.Add(new RecoveryTarget(ResourceScope.Type("RDS")) { MaxRecoveryTime = TimeSpan.FromHours(1), MaxRecoveryPointAge = TimeSpan.FromHours(12) });

        // The validator compares item count and checksum with the backup. Against AWS it would scan the restored table
        // or query the restored database; here the emulator's inventory plays the restored resource.
        options.Validators.Add(RestoreValidatorRegistration.Create("item-count-and-checksum", ResourceScope.All, (context, _) =>
        {
            var restored = emulator.Inventory.Find(context.RestoredResourceArn)!.Content;
            var expected = emulator.Inventory.ContentOf(context.RecoveryPointArn)!;
            var measured = new Dictionary<string, double> { ["items"] = restored.ItemCount };
            return ValueTask.FromResult(restored == expected
                ? RestoreValidationResult.Pass($"{restored.ItemCount:N0} items, checksum matches", measured)
                : RestoreValidationResult.Fail($"checksum differs from the backup ({restored.ItemCount:N0} of {expected.ItemCount:N0} items)", measured));
        }));

        // Clean-up: against AWS, DynamoDB DeleteTable and RDS DeleteDBInstance; here the emulator's inventory.
        var cleanup = RestoredResourceCleanupResult.From((resource, _) => ValueTask.FromResult(emulator.Inventory.Remove(resource.RestoredResourceArn)
            ? RestoredResourceCleanupResult.Done("deleted")
            : RestoredResourceCleanupResult.Failed("not found")));
        options.Cleanups["DynamoDB"] = cleanup;
        options.Cleanups["RDS"] = cleanup;

        // Poll restore jobs by moving the emulator clock instead of waiting.
        var gate = new Lock();
        options.Polling.Delay = (pause, _) =>
        {
            lock (gate)
            {
                if (clock.GetUtcNow() < pause.Until)
                {
                    clock.SetUtcNow(pause.Until);
                }
            }

            return Task.CompletedTask;
        };

        var history = new FileRestoreHistoryStore(Path.Combine(reportDirectory, "restore-history.jsonl"));
        var report = await new RestoreDrillRunner(timeProvider: clock, history: history).RunAsync(options, cancellationToken);
        var paths = await RestoreDrillReportWriter.WriteAllAsync(report, reportDirectory, "dr-drill", cancellationToken);

        // 5. The summary a person reads at a glance.
        output.WriteLine();
        output.WriteLine($"RESTORE DRILL {report.DrillName}: {report.Outcome.ToString().ToUpperInvariant()}  {report.PassedCount}/{report.Resources.Count} passed, {report.LeftBehind.Count()} left behind");
        output.WriteLine($"  from {report.Source}, recovery point {report.RecoveryPointChoice}");
        foreach (var r in report.Resources)
        {
            var mark = r.Outcome == ResourceOutcome.Passed ? "ok  " : "FAIL";
            output.WriteLine($"  {mark} {r.ResourceType,-8} {Name(r.ResourceArn),-10} restore {RestoreDrillRunnerFormat(r.RestoreDuration),-14} point age {RestoreDrillRunnerFormat(r.RecoveryPointAge),-14} clean-up {r.Cleanup.Outcome}");
            foreach (var failure in r.Failures)
            {
                output.WriteLine($"         - {failure}");
            }
        }

        output.WriteLine();
        foreach (var path in paths)
        {
            output.WriteLine($"  report: {path}");
        }

        // The drill did its job when it caught the corrupted restore and the missed target, and nothing else.
        var caughtCorruption = report.Resources.Single(r => r.ResourceArn == customers).Validations.Any(v => v.Outcome == ValidatorOutcome.Failed);
        var caughtTarget = report.Resources.Single(r => r.ResourceArn == invoices).Targets.Any(t => !t.Met);
        var othersPassed = report.Resources.Where(r => r.ResourceArn != customers && r.ResourceArn != invoices).All(r => r.Outcome == ResourceOutcome.Passed);
        var ok = caughtCorruption && caughtTarget && othersPassed && !report.LeftBehind.Any();
        output.WriteLine();
        output.WriteLine(ok
            ? "The drill caught the corrupted restore and the missed recovery time target; everything else restored, validated and was cleaned up."
            : "UNEXPECTED: the drill did not find exactly the corrupted restore and the missed target.");
        return ok ? 0 : 1;
    }

    private static string Table(string name) => $"arn:aws:dynamodb:{PrimaryRegion}:{Account}:table/{name}";

    private static string Name(string arn) => arn[(Math.Max(arn.LastIndexOf('/'), arn.LastIndexOf(':')) + 1)..];

    private static string RestoreDrillRunnerFormat(TimeSpan? value) =>
        value is not { } v ? "-" : v.TotalHours >= 1 ? $"{(int)v.TotalHours} h {v.Minutes:00} min" : $"{(int)v.TotalMinutes} min";

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items)
    {
        var count = 0;
        await foreach (var _ in items)
        {
            count++;
        }

        return count;
    }

    private static BackupClient Client(BackupEmulator emulator, string region, TimeProvider clock) => new(
        new BackupClientOptions { ServiceUrl = emulator.Endpoint, Region = region, Credentials = new BasicAWSCredentials("AKIDBACKUPKITSAMPLE", "sample-secret") },
        null,
        new SigningClock(clock),
        null);

    /// <summary>Signs with the emulator's time (it refuses signatures 15 minutes off its clock); timeouts stay on real time.</summary>
    private sealed class SigningClock(TimeProvider emulatorClock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => emulatorClock.GetUtcNow();
    }
}
