using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BackupKit.Local.Tests.Support;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Local.Tests;

/// <summary>--state-dir: state survives a kill -9 and a restart, ids and the clock included; a torn last record is dropped.</summary>
public sealed class StateDirectoryTests : IDisposable
{
    private const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";
    private const string TableArn = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"backupkit-state-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Cli_state_survives_kill_9_and_a_restart_with_the_same_ids_arns_jobs_and_clock()
    {
        var port = HostingTests.FreePort();
        string planId, selectionId, vaultArn, onDemandJobId;
        List<string> jobIds, pointArns;
        double advancedSeconds;
        long clockBefore;
        using (var first = Start("--port", port.ToString(CultureInfo.InvariantCulture), "--state-dir", _directory))
        {
            try
            {
                await ReadLineContainingAsync(first, "listening on");
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                using (var put = await http.PutAsync(new Uri("/_backupkit/resources", UriKind.Relative), new StringContent($$$"""{"arn":"{{{TableArn}}}","tags":{"backup":"daily"},"content":{"itemCount":7,"checksum":"seven"}}""")))
                {
                    put.EnsureSuccessStatusCode();
                }

                using (var caller = new WireCaller(http.BaseAddress))
                {
                    vaultArn = (await caller.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "primary" })).BackupVaultArn!;
                    planId = (await caller.CallAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = EmulatorTest.Plan("nightly") })).BackupPlanId!;
                    selectionId = (await caller.CallAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = planId, BackupSelection = EmulatorTest.Selection() })).SelectionId!;
                }

                var clock = await AdvanceAsync(http, TimeSpan.FromDays(2));
                advancedSeconds = clock.GetProperty("advancedSeconds").GetDouble();
                using var moved = new WireCaller(http.BaseAddress, clock: new OffsetClock(TimeSpan.FromSeconds(advancedSeconds)));
                onDemandJobId = (await moved.CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = TableArn, IamRoleArn = Role })).BackupJobId!;
                jobIds = (await moved.CallAsync(BackupOperations.ListBackupJobs, new ListBackupJobsInput())).BackupJobs!.Select(j => j.BackupJobId!).ToList();
                pointArns = (await moved.CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "primary" })).RecoveryPoints!.Select(p => p.RecoveryPointArn!).ToList();
                clockBefore = JsonDocument.Parse(await http.GetStringAsync(new Uri("/_backupkit/clock", UriKind.Relative))).RootElement.GetProperty("epochMillis").GetInt64();
            }
            finally
            {
                // kill -9: no shutdown code runs.
                first.Kill();
                await first.WaitForExitAsync();
            }
        }

        Assert.True(jobIds.Count >= 3, $"two scheduled runs and one on-demand job, got {jobIds.Count}");
        Assert.True(pointArns.Count >= 2, $"two scheduled backups completed, got {pointArns.Count}");

        port = HostingTests.FreePort();
        using var second = Start("--port", port.ToString(CultureInfo.InvariantCulture), "--state-dir", _directory);
        try
        {
            var restored = await ReadLineContainingAsync(second, "Restored state");
            await ReadLineContainingAsync(second, "listening on");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var clock = JsonDocument.Parse(await http.GetStringAsync(new Uri("/_backupkit/clock", UriKind.Relative))).RootElement;
            using var caller = new WireCaller(http.BaseAddress, clock: new OffsetClock(TimeSpan.FromSeconds(advancedSeconds)));
            var plan = await caller.CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = planId });
            var selection = await caller.CallAsync(BackupOperations.GetBackupSelection, new GetBackupSelectionInput { BackupPlanId = planId, SelectionId = selectionId });
            var vault = await caller.CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "primary" });
            var jobsAfter = (await caller.CallAsync(BackupOperations.ListBackupJobs, new ListBackupJobsInput())).BackupJobs!.Select(j => j.BackupJobId!).ToList();
            var pointsAfter = (await caller.CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "primary" })).RecoveryPoints!.Select(p => p.RecoveryPointArn!).ToList();
            var resource = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/_backupkit/resources/{Uri.EscapeDataString(TableArn)}", UriKind.Relative))).RootElement;

            Assert.Contains(_directory, restored, StringComparison.Ordinal);
            Assert.Equal(172_800, clock.GetProperty("advancedSeconds").GetDouble());
            Assert.True(clock.GetProperty("epochMillis").GetInt64() >= clockBefore, "the emulator clock did not go back");
            Assert.Equal("nightly", plan.BackupPlan!.BackupPlanName);
            Assert.Equal("all-tagged", selection.BackupSelection!.SelectionName);
            Assert.Equal(vaultArn, vault.BackupVaultArn);
            Assert.Subset(jobsAfter.ToHashSet(), jobIds.ToHashSet());
            Assert.Contains(onDemandJobId, jobsAfter);
            Assert.Subset(pointsAfter.ToHashSet(), pointArns.ToHashSet());
            Assert.Equal(7, resource.GetProperty("content").GetProperty("itemCount").GetInt64());

            // The schedule goes on from where it was: one more day, one more scheduled job.
            var later = await AdvanceAsync(http, TimeSpan.FromDays(1));
            using var laterCaller = new WireCaller(http.BaseAddress, clock: new OffsetClock(TimeSpan.FromSeconds(later.GetProperty("advancedSeconds").GetDouble())));
            var jobsLater = (await laterCaller.CallAsync(BackupOperations.ListBackupJobs, new ListBackupJobsInput())).BackupJobs!;
            Assert.Equal(jobsAfter.Count + 1, jobsLater.Count);
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_torn_last_record_is_dropped_and_the_journal_keeps_working()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        string vaultArn;
        await using (var emulator = await StartInProcessAsync(clock))
        {
            using var caller = new WireCaller(emulator.Endpoint, clock: clock);
            vaultArn = (await caller.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "kept" })).BackupVaultArn!;
        }

        // A kill in the middle of writing the next record: its frame says 500 bytes, only 20 made it to disk.
        var journal = Path.Combine(_directory, "journal.bkj");
        var lengthBefore = new FileInfo(journal).Length;
        var torn = new byte[28];
        BinaryPrimitives.WriteInt32LittleEndian(torn, 500);
        Encoding.ASCII.GetBytes("{\"k\":\"http\",\"t\":6389").CopyTo(torn, 8);
        await File.WriteAllBytesAsync(journal, [.. await File.ReadAllBytesAsync(journal), .. torn]);

        await using (var emulator = await StartInProcessAsync(clock))
        {
            // Cut back to the last whole record before anything else is appended.
            Assert.Equal(lengthBefore, new FileInfo(journal).Length);
            using var caller = new WireCaller(emulator.Endpoint, clock: clock);
            var kept = await caller.CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "kept" });
            Assert.Equal(vaultArn, kept.BackupVaultArn);
            await caller.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "after" });
        }

        await using (var emulator = await StartInProcessAsync(clock))
        {
            using var caller = new WireCaller(emulator.Endpoint, clock: clock);
            var vaults = (await caller.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput())).BackupVaultList!.Select(v => v.BackupVaultName).Order(StringComparer.Ordinal);
            Assert.Equal(["after", "kept"], vaults);
        }
    }

    [Fact]
    public async Task A_last_record_with_a_bad_checksum_is_dropped_but_damage_in_the_middle_stops_the_start()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using (var emulator = await StartInProcessAsync(clock))
        {
            using var caller = new WireCaller(emulator.Endpoint, clock: clock);
            await caller.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "first" });
            await caller.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "second" });
        }

        var journal = Path.Combine(_directory, "journal.bkj");
        var bytes = await File.ReadAllBytesAsync(journal);
        var lastByte = bytes.Length - 1;

        // A flipped byte in the last record: its checksum fails, so the "second" vault is dropped.
        bytes[lastByte] ^= 0x20;
        await File.WriteAllBytesAsync(journal, bytes);
        await using (var emulator = await StartInProcessAsync(clock))
        {
            using var caller = new WireCaller(emulator.Endpoint, clock: clock);
            var vaults = (await caller.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput())).BackupVaultList!.Select(v => v.BackupVaultName);
            Assert.Equal(["first"], vaults);
            await caller.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "third" });
        }

        // Now damage a record that has another after it: the emulator refuses to start rather than lose "third".
        bytes = await File.ReadAllBytesAsync(journal);
        bytes[40] ^= 0x20;
        await File.WriteAllBytesAsync(journal, bytes);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => StartInProcessAsync(clock));
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seed_file_is_journaled_once_and_restored_with_the_state()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using (var emulator = await StartInProcessAsync(clock))
        {
            Assert.False(emulator.Restored);
            var loaded = await emulator.LoadSeedAsync($$$"""{"resources":[{"arn":"{{{TableArn}}}","tags":{"backup":"daily"},"content":{"itemCount":3,"checksum":"abc"}}]}""");
            Assert.Equal(1, loaded);
        }

        clock.Advance(TimeSpan.FromDays(1));
        await using (var emulator = await StartInProcessAsync(clock))
        {
            Assert.True(emulator.Restored);
            var resource = emulator.Inventory.Find(TableArn);
            Assert.NotNull(resource);
            Assert.Equal(new ResourceContent(3, "abc"), resource.Content);
            Assert.Equal("daily", resource.Tags["backup"]);
        }
    }

    private Task<BackupEmulator> StartInProcessAsync(TimeProvider clock) =>
        BackupEmulator.StartAsync(new BackupEmulatorOptions { TimeProvider = clock, StateDirectory = _directory });

    private static async Task<JsonElement> AdvanceAsync(HttpClient http, TimeSpan by)
    {
        using var response = await http.PostAsync(
            new Uri("/_backupkit/clock/advance", UriKind.Relative),
            new StringContent($$"""{"seconds":{{(long)by.TotalSeconds}}}"""));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Process Start(params string[] args) => EmulatorProcess.Start(args);

    private static Task<string> ReadLineContainingAsync(Process process, string text) =>
        EmulatorProcess.ReadLineContainingAsync(process, text, TimeSpan.FromSeconds(60));

    /// <summary>The system clock moved by the emulator's offset, so that signatures stay within the 15 minutes AWS allows.</summary>
    private sealed class OffsetClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
