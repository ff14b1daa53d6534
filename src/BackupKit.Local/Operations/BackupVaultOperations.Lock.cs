using System.Text.Json;
using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

// Vault Lock: put (governance mode, or compliance mode with ChangeableForDays) and delete; logically air-gapped vaults refuse both.
internal static partial class BackupVaultOperations
{
    public static EmptyOutput PutLock(CallContext call, PutBackupVaultLockConfigurationInput input)
    {
        var min = input.MinRetentionDays;
        var max = input.MaxRetentionDays;
        var changeable = input.ChangeableForDays;
        RequestRules.CheckVaultLock(min, max, changeable);

        var state = call.State;
        lock (state.Gate)
        {
            var vault = Find(state, input.BackupVaultName!);
            RefuseAirGapped(vault);
            var now = call.Now;
            if (vault.Lock is { } current && current.IsImmutableAt(now))
            {
                throw BackupApiError.InvalidRequest(
                    $"The Vault Lock of backup vault '{vault.Name}' is in compliance mode and became immutable on {current.LockDate:O}; it can no longer be changed.");
            }

            vault.Lock = new VaultLockRecord(min, max, changeable, changeable is { } d ? now.AddDays(d) : null);
            return EmptyOutput.Instance;
        }
    }

    public static EmptyOutput DeleteLock(CallContext call, DeleteBackupVaultLockConfigurationInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var vault = Find(state, input.BackupVaultName!);
            RefuseAirGapped(vault);
            if (vault.Lock is { } current && current.IsImmutableAt(call.Now))
            {
                throw BackupApiError.InvalidRequest(
                    $"The Vault Lock of backup vault '{vault.Name}' is in compliance mode and became immutable on {current.LockDate:O}; it cannot be deleted.");
            }

            vault.Lock = null;
            return EmptyOutput.Instance;
        }
    }

    private static void RefuseAirGapped(VaultRecord vault)
    {
        if (vault.IsLogicallyAirGapped)
        {
            throw BackupApiError.InvalidRequest(
                $"Backup vault '{vault.Name}' is logically air-gapped: its retention lock is set when it is created and cannot be changed or removed.");
        }
    }
}
