using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class ConcurrencyTests : EmulatorTest
{
    [Fact]
    public async Task Parallel_creates_all_land()
    {
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => CreateVaultAsync($"vault-{i:D3}")));

        var vaults = await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());

        Assert.Equal(100, vaults.BackupVaultList!.Select(v => v.BackupVaultName).Distinct().Count());
    }

    [Fact]
    public async Task Parallel_creates_with_one_CreatorRequestId_make_one_plan()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => CreatePlanAsync("contended", creatorRequestId: "one-token")));

        Assert.Single(results.Select(r => r.BackupPlanId).Distinct());
        Assert.Single((await CallAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput())).BackupPlansList!);
    }

    [Fact]
    public async Task Reads_and_updates_interleave_without_errors()
    {
        var plan = await CreatePlanAsync("busy");

        var reads = Enumerable.Range(0, 200).Select(_ => CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = plan.BackupPlanId }));
        var updates = Enumerable.Range(0, 20).Select(i => CallAsync(
            BackupOperations.UpdateBackupPlan,
            new UpdateBackupPlanInput { BackupPlanId = plan.BackupPlanId, BackupPlan = Plan("busy", deleteAfterDays: 35 + i) }));
        await Task.WhenAll(reads.Cast<Task>().Concat(updates));

        var versions = await CallAsync(BackupOperations.ListBackupPlanVersions, new ListBackupPlanVersionsInput { BackupPlanId = plan.BackupPlanId });
        Assert.Equal(21, versions.BackupPlanVersionsList!.Count);
    }
}
