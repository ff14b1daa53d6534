using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;

namespace BackupKit.Reconcile;

// Vault steps: create or replace the vault, then its lock, access policy and notifications as separate settings.
internal sealed partial class ChangePlanner
{
    private PlannedStep VaultStep(BackupVault vault, LiveVault? live)
    {
        var summary = VaultSummary(vault);
        if (live is null)
        {
            var token = IdempotencyTokens.ForVault(vault);
            if (vault.IsLogicallyAirGapped)
            {
                var airGapped = PostureMapping.ToCreateLogicallyAirGappedBackupVaultInput(vault, token);
                return new PlannedStep(
                    new PostureChange { Kind = PostureObjectKind.Vault, Name = vault.Name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateLogicallyAirGappedBackupVault", airGapped)] },
                    async (ctx, ct) =>
                    {
                        var arn = (await client.CreateLogicallyAirGappedBackupVaultAsync(airGapped, ct).ConfigureAwait(false)).BackupVaultArn;
                        ctx.Live.Observe(arn);
                        return arn;
                    });
            }

            var standard = PostureMapping.ToCreateBackupVaultInput(vault, token);
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.Vault, Name = vault.Name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateBackupVault", standard)] },
                async (ctx, ct) =>
                {
                    var arn = (await client.CreateBackupVaultAsync(standard, ct).ConfigureAwait(false)).BackupVaultArn;
                    ctx.Live.Observe(arn);
                    return arn;
                });
        }

        var current = live.Model;
        var blocked = new List<PropertyDifference>();
        if (vault.IsLogicallyAirGapped != current.IsLogicallyAirGapped)
        {
            blocked.Add(new("type", vault.IsLogicallyAirGapped ? "logically air-gapped" : "standard", current.IsLogicallyAirGapped ? "logically air-gapped" : "standard"));
        }
        else if (vault.LogicallyAirGapped is { } declaredAirGap && declaredAirGap != current.LogicallyAirGapped)
        {
            blocked.Add(new("retention", Range(declaredAirGap.MinRetention, declaredAirGap.MaxRetention), current.LogicallyAirGapped is { } a ? Range(a.MinRetention, a.MaxRetention) : null));
        }

        if (vault.EncryptionKeyArn is { } key && !string.Equals(key, current.EncryptionKeyArn, StringComparison.Ordinal))
        {
            blocked.Add(new("encryptionKey", key, current.EncryptionKeyArn ?? "AWS-managed key"));
        }

        if (blocked.Count > 0)
        {
            return new PlannedStep(
                new PostureChange
                {
                    Kind = PostureObjectKind.Vault,
                    Name = vault.Name,
                    Action = ChangeAction.Blocked,
                    Differences = blocked,
                    Arn = live.Arn,
                    Basis = LiveBasis.Vault(live),
                    Warning = "AWS cannot change a vault's type, air-gap retention or encryption key; declare a new vault (and point the rules at it) or restore the declared value",
                },
                null);
        }

        var basis = LiveBasis.Vault(live);
        if (vault.Tags == current.Tags)
        {
            return Unchanged(PostureObjectKind.Vault, vault.Name, live.Arn, summary, basis);
        }

        var (tagRequests, tagStep) = UpdateInPlace(live.Arn, null, vault.Tags, current.Tags);
        return new PlannedStep(
            new PostureChange { Kind = PostureObjectKind.Vault, Name = vault.Name, Action = ChangeAction.Update, Arn = live.Arn, Summary = summary, Basis = basis, Requests = tagRequests, Differences = [new("tags", Text.Tags(vault.Tags), Text.Tags(current.Tags))] },
            tagStep);
    }

    private PlannedStep? LockStep(BackupVault vault, LiveVault? live, DateTimeOffset serviceNow)
    {
        if (vault.IsLogicallyAirGapped)
        {
            return null;
        }

        var declared = vault.Lock;
        var current = live?.Model.Lock;
        if (declared is null && current is null)
        {
            return null;
        }

        // Decided on the service's clock: AWS makes the lock immutable at its lock date by its own time.
        var lockDate = live?.LockDate;
        var immutable = lockDate is { } date && date <= serviceNow;
        var coolingOff = current is not null && lockDate is { } until && until > serviceNow;
        var basis = current is null ? null : LiveBasis.Lock(current, lockDate);
        var warning = declared is { Mode: VaultLockMode.Compliance }
            ? $"IRREVERSIBLE: a compliance-mode lock cannot be changed or removed by anyone, root included, once its {declared.ChangeableFor} cooling-off period ends; the vault then cannot be deleted while it holds recovery points"
            : null;
        if (declared is null)
        {
            if (!options.DeleteUndeclared || immutable)
            {
                return new PlannedStep(
                    new PostureChange
                    {
                        Kind = PostureObjectKind.VaultLock,
                        Name = vault.Name,
                        Action = ChangeAction.Undeclared,
                        Summary = Text.Lock(current!),
                        Basis = basis,
                        Warning = immutable ? "the compliance-mode lock is immutable; AWS does not allow removing it" : null,
                    },
                    null);
            }

            var delete = new DeleteBackupVaultLockConfigurationInput { BackupVaultName = vault.Name };
            return new PlannedStep(
                new PostureChange
                {
                    Kind = PostureObjectKind.VaultLock,
                    Name = vault.Name,
                    Action = ChangeAction.Delete,
                    Summary = Text.Lock(current!),
                    Basis = basis,
                    Requests = [new("DeleteBackupVaultLockConfiguration", delete)],
                    Warning = coolingOff ? $"DESTRUCTIVE: removes a compliance-mode lock during its cooling-off period (it would become immutable on {lockDate:yyyy-MM-dd})" : null,
                    Consent = coolingOff ? LockConsent(vault.Name, current!, null, lockDate, "removes a compliance-mode lock during its cooling-off period") : null,
                },
                async (_, ct) =>
                {
                    await client.DeleteBackupVaultLockConfigurationAsync(delete, ct).ConfigureAwait(false);
                    return null;
                });
        }

        var putInput = PostureMapping.ToPutLockInput(vault.Name, declared);
        Func<ApplyContext, CancellationToken, Task<string?>> put = async (_, ct) =>
        {
            await client.PutBackupVaultLockConfigurationAsync(putInput, ct).ConfigureAwait(false);
            return null;
        };
        IReadOnlyList<PlannedRequest> requests = [new("PutBackupVaultLockConfiguration", putInput)];
        if (current is null)
        {
            return new PlannedStep(new PostureChange { Kind = PostureObjectKind.VaultLock, Name = vault.Name, Action = ChangeAction.Create, Summary = Text.Lock(declared), Warning = warning, Requests = requests }, put);
        }

        // AWS does not return ChangeableForDays: two compliance locks with the same bounds are equal.
        if (declared.Mode == current.Mode && declared.MinRetention == current.MinRetention && declared.MaxRetention == current.MaxRetention)
        {
            return Unchanged(PostureObjectKind.VaultLock, vault.Name, null, Text.Lock(declared), basis);
        }

        var differences = new List<PropertyDifference> { new("lock", Text.Lock(declared), Text.Lock(current)) };
        if (immutable)
        {
            return new PlannedStep(
                new PostureChange
                {
                    Kind = PostureObjectKind.VaultLock,
                    Name = vault.Name,
                    Action = ChangeAction.Blocked,
                    Differences = differences,
                    Basis = basis,
                    Warning = $"the compliance-mode lock became immutable on {lockDate:yyyy-MM-dd}; AWS refuses any change. Declare the live lock to unblock the apply",
                },
                null);
        }

        var consent = coolingOff ? WeakenedLock(vault.Name, current, declared, lockDate!.Value, serviceNow) : null;
        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.VaultLock,
                Name = vault.Name,
                Action = ChangeAction.Update,
                Differences = differences,
                Summary = Text.Lock(declared),
                Basis = basis,
                Requests = requests,
                Warning = consent is null ? warning : "DESTRUCTIVE: " + consent.Reason + (warning is null ? string.Empty : "; " + warning),
                Consent = consent,
            },
            put);
    }

    /// <summary>
    /// The consent a change of a compliance lock in its cooling-off period needs: a downgrade to governance, a lower
    /// minimum or higher (or removed) maximum retention, or a lock date brought forward; none for a strengthening.
    /// </summary>
    private static ConsentRequirement? WeakenedLock(string vaultName, VaultLock current, VaultLock declared, DateTimeOffset lockDate, DateTimeOffset serviceNow)
    {
        var reasons = new List<string>();
        if (declared.Mode == VaultLockMode.Governance)
        {
            reasons.Add("downgrades a compliance-mode lock to governance mode, which any principal allowed to can remove");
        }

        if (current.MinRetention is { } min && (declared.MinRetention is not { } newMin || newMin.TotalDays < min.TotalDays))
        {
            reasons.Add("lowers the minimum retention of a compliance-mode lock");
        }

        if (current.MaxRetention is { } max && (declared.MaxRetention is not { } newMax || newMax.TotalDays > max.TotalDays))
        {
            reasons.Add("raises or removes the maximum retention of a compliance-mode lock");
        }

        // The service time is known to about a second (the Date header's resolution): a minute of slack tells a re-put
        // of the same cooling-off period from one that really brings the lock date forward.
        if (declared.ChangeableFor is { } changeable && serviceNow.AddDays(changeable.TotalDays) < lockDate - TimeSpan.FromMinutes(1))
        {
            reasons.Add($"shortens the cooling-off period of a compliance-mode lock (lock date {lockDate:yyyy-MM-dd} brought forward)");
        }

        return reasons.Count == 0 ? null : LockConsent(vaultName, current, declared, lockDate, string.Join("; ", reasons));
    }

    private static ConsentRequirement LockConsent(string vaultName, VaultLock current, VaultLock? declared, DateTimeOffset? lockDate, string reason) =>
        new(
            $"vault {vaultName} lock: compliance ({Text.Bounds(current)}, lock date {lockDate:yyyy-MM-dd}) -> {(declared is null ? "removed" : Text.Lock(declared))}",
            reason + " during its cooling-off period");

    private PlannedStep? PolicyStep(BackupVault vault, LiveVault? live)
    {
        var declared = PostureNormalizer.NormalizePolicy(vault.AccessPolicy);
        var current = PostureNormalizer.NormalizePolicy(live?.Model.AccessPolicy);
        var put = vault.AccessPolicy is null ? null : PostureMapping.ToPutAccessPolicyInput(vault.Name, vault.AccessPolicy);
        var delete = new DeleteBackupVaultAccessPolicyInput { BackupVaultName = vault.Name };
        return SettingStep(
            PostureObjectKind.VaultAccessPolicy,
            vault.Name,
            declared,
            current,
            declared == current,
            null,
            put is null ? null : new("PutBackupVaultAccessPolicy", put),
            async ct => await client.PutBackupVaultAccessPolicyAsync(put!, ct).ConfigureAwait(false),
            new("DeleteBackupVaultAccessPolicy", delete),
            async ct => await client.DeleteBackupVaultAccessPolicyAsync(delete, ct).ConfigureAwait(false),
            new("policy", declared, current),
            current is null ? null : "policy " + current);
    }

    private PlannedStep? NotificationsStep(BackupVault vault, LiveVault? live)
    {
        var declared = PostureNormalizer.Normalize(vault.Notifications);
        var current = PostureNormalizer.Normalize(live?.Model.Notifications);
        var put = vault.Notifications is null ? null : PostureMapping.ToPutNotificationsInput(vault.Name, vault.Notifications);
        var delete = new DeleteBackupVaultNotificationsInput { BackupVaultName = vault.Name };
        return SettingStep(
            PostureObjectKind.VaultNotifications,
            vault.Name,
            declared,
            current,
            declared == current,
            declared is null ? null : $"{declared.SnsTopicArn}, {declared.Events.Count} event(s)",
            put is null ? null : new("PutBackupVaultNotifications", put),
            async ct => await client.PutBackupVaultNotificationsAsync(put!, ct).ConfigureAwait(false),
            new("DeleteBackupVaultNotifications", delete),
            async ct => await client.DeleteBackupVaultNotificationsAsync(delete, ct).ConfigureAwait(false),
            new("notifications", declared is null ? null : Text.Notifications(declared), current is null ? null : Text.Notifications(current)),
            current is null ? null : "notifications " + Text.Notifications(current));
    }

    private PlannedStep? SettingStep(
        PostureObjectKind kind,
        string vaultName,
        object? declared,
        object? current,
        bool equal,
        string? summary,
        PlannedRequest? putRequest,
        Func<CancellationToken, Task> put,
        PlannedRequest deleteRequest,
        Func<CancellationToken, Task> delete,
        PropertyDifference difference,
        string? basis)
    {
        if (declared is null && current is null)
        {
            return null;
        }

        if (declared is null)
        {
            return UndeclaredStep(kind, vaultName, null, (_, ct) => delete(ct), requests: [deleteRequest], basis: basis);
        }

        if (current is null)
        {
            return new PlannedStep(new PostureChange { Kind = kind, Name = vaultName, Action = ChangeAction.Create, Summary = summary, Requests = [putRequest!] }, Run(put));
        }

        return equal
            ? Unchanged(kind, vaultName, null, summary, basis)
            : new PlannedStep(new PostureChange { Kind = kind, Name = vaultName, Action = ChangeAction.Update, Summary = summary, Basis = basis, Requests = [putRequest!], Differences = [difference] }, Run(put));

        static Func<ApplyContext, CancellationToken, Task<string?>> Run(Func<CancellationToken, Task> call) => async (_, ct) =>
        {
            await call(ct).ConfigureAwait(false);
            return null;
        };
    }

    private static string VaultSummary(BackupVault vault)
    {
        var parts = new List<string>();
        if (vault.LogicallyAirGapped is { } airGapped)
        {
            parts.Add("logically air-gapped, " + Range(airGapped.MinRetention, airGapped.MaxRetention));
        }

        parts.Add(vault.EncryptionKeyArn is null ? "AWS-managed key" : "key " + vault.EncryptionKeyArn);
        if (!vault.Tags.IsEmpty)
        {
            parts.Add("tags " + Text.Tags(vault.Tags));
        }

        return string.Join(", ", parts);
    }

    private static string Range(Retention? min, Retention? max) => $"retention {min?.ToString() ?? "any"} to {max?.ToString() ?? "any"}";
}
