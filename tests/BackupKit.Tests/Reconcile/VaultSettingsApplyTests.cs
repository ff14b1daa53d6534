using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Resilience;
using BackupKit.Wire;
using BackupKit.Tests.Client;
using Microsoft.Extensions.Time.Testing;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Reconcile;

public sealed class VaultSettingsApplyTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"backup:DeleteRecoveryPoint","Resource":"*"}]}""";

    [Fact]
    public async Task Vault_settings_follow_the_declaration_and_removals_need_the_opt_in()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        var locked = BackupPosture.Create()
            .AddVault("primary", v => v.WithAccessPolicy(Policy).Lock(l => l.Governance().MinRetention(Days(7)))
                .NotifyTo("arn:aws:sns:us-east-1:000000000000:alerts", BackupVaultEvents.BackupJobFailed, BackupVaultEvents.CopyJobFailed))
            .Build();
        var reordered = BackupPosture.Create()
            .AddVault("primary", v => v.WithAccessPolicy(Policy).Lock(l => l.Governance().MinRetention(Days(7)))
                .NotifyTo("arn:aws:sns:us-east-1:000000000000:alerts", BackupVaultEvents.CopyJobFailed, BackupVaultEvents.BackupJobFailed))
            .Build();
        var loosened = BackupPosture.Create()
            .AddVault("primary", v => v.WithAccessPolicy(Policy.Replace("Deny", "Allow", StringComparison.Ordinal)))
            .Build();
        await new PostureApplier(client).ApplyAsync(locked);

        var sameEvents = await new PostureApplier(client).PlanAsync(reordered);
        var kept = await new PostureApplier(client).PlanAsync(loosened);
        var pruned = await new PostureApplier(client, new PostureApplyOptions { DeleteUndeclared = true }).ApplyAsync(loosened);

        Assert.False(sameEvents.HasChanges);
        Assert.Equal(ChangeAction.Update, kept.Changes.Single(c => c.Kind == PostureObjectKind.VaultAccessPolicy).Action);
        Assert.Equal(ChangeAction.Undeclared, kept.Changes.Single(c => c.Kind == PostureObjectKind.VaultLock).Action);
        Assert.Equal(ChangeAction.Undeclared, kept.Changes.Single(c => c.Kind == PostureObjectKind.VaultNotifications).Action);
        Assert.Equal(
            [PostureObjectKind.VaultLock, PostureObjectKind.VaultNotifications],
            pruned.Deleted.Select(c => c.Kind).ToArray());
        Assert.Single(pruned.Updated);
        Assert.Equal(1, emulator.Faults.RequestCount("DeleteBackupVaultLockConfiguration"));
        Assert.False((await new PostureApplier(client).DetectDriftAsync(loosened)).HasDrift);
    }

    [Fact]
    public async Task A_compliance_lock_past_its_lock_date_blocks_any_change_to_it()
    {
        // One clock for the emulator (lock dates), the client (signatures) and the applier (is the lock immutable yet?).
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { TimeProvider = clock });
        using var client = new BackupClient(
            new BackupClientOptions { ServiceUrl = emulator.Endpoint, Region = TestCredentials.Region, Credentials = TestCredentials.Basic, Resilience = TestCredentials.FastResilience() },
            null,
            clock,
            new RetryQuotaRegistry());
        var declared = BackupPosture.Create()
            .AddVault("vault-compliance", v => v.Lock(l => l.Compliance(Days(3), ComplianceLock.IrreversibleAfterCoolingOff).MinRetention(Days(7))))
            .Build();
        var changed = BackupPosture.Create()
            .AddVault("vault-compliance", v => v.Lock(l => l.Compliance(Days(3), ComplianceLock.IrreversibleAfterCoolingOff).MinRetention(Days(30))))
            .Build();
        await new PostureApplier(client, timeProvider: clock).ApplyAsync(declared);

        var duringCoolingOff = await new PostureApplier(client, timeProvider: clock).PlanAsync(changed);
        clock.Advance(TimeSpan.FromDays(4));
        var afterLockDate = await new PostureApplier(client, timeProvider: clock).PlanAsync(changed);
        var unchanged = await new PostureApplier(client, timeProvider: clock).PlanAsync(declared);
        var removal = await new PostureApplier(client, new PostureApplyOptions { DeleteUndeclared = true }, timeProvider: clock)
            .PlanAsync(BackupPosture.Create().AddVault("vault-compliance").Build());

        Assert.Equal(ChangeAction.Update, duringCoolingOff.Changes.Single(c => c.Kind == PostureObjectKind.VaultLock).Action);
        var blocked = afterLockDate.Changes.Single(c => c.Kind == PostureObjectKind.VaultLock);
        Assert.Equal(ChangeAction.Blocked, blocked.Action);
        Assert.Contains("immutable", blocked.Warning, StringComparison.Ordinal);
        Assert.False(unchanged.HasChanges);
        Assert.Equal(ChangeAction.Undeclared, removal.Changes.Single(c => c.Kind == PostureObjectKind.VaultLock).Action);
        await Assert.ThrowsAsync<PostureApplyException>(() => new PostureApplier(client, timeProvider: clock).ApplyAsync(changed));
    }
}
