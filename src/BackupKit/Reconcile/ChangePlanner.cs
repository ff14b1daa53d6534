using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;

namespace BackupKit.Reconcile;

/// <summary>A change and, for writes, how to apply it.</summary>
internal sealed record PlannedStep(PostureChange Change, Func<ApplyContext, CancellationToken, Task<string?>>? Execute);

/// <summary>
/// What the steps of one apply share: plan ids, the plan versions this apply wrote (so that a later step can tell
/// whether another writer changed the plan since), and the account learned along the way.
/// </summary>
internal sealed class ApplyContext(LiveState live)
{
    public LiveState Live { get; } = live;

    public Dictionary<string, string> PlanIds { get; } = live.Plans.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal);

    /// <summary>The version each declared plan has as far as this apply knows: read, or written by it.</summary>
    public Dictionary<string, string?> PlanVersions { get; } = live.Plans.ToDictionary(p => p.Key, p => p.Value.VersionId, StringComparer.Ordinal);
}

/// <summary>
/// Compares a posture with live state and produces the ordered steps: vaults, vault settings, plans, selections,
/// restore testing, the steps of added object-kind planners, then deletions (selections before their plan, plans before
/// vaults). Planning makes no call: the steps' requests are built here and sent only when a step is executed, so the
/// planner can be tested on a hand-made <see cref="LiveState"/>.
/// </summary>
/// <remarks>
/// Extension point: object kinds beyond the built-in ones (for example audit frameworks and report plans) plug in as
/// <see cref="IObjectKindPlanner"/>s, each reading its own live state, planning its own steps and naming its own
/// compared live state; their steps run after restore testing and before deletions of built-in kinds.
/// </remarks>
internal sealed class ChangePlanner(IBackupClient client, PostureApplyOptions options, IReadOnlyList<IObjectKindPlanner>? kindPlanners = null)
{
    /// <summary>The planners of added object kinds.</summary>
    public IReadOnlyList<IObjectKindPlanner> KindPlanners { get; } = kindPlanners ?? [];

    public IReadOnlyList<PlannedStep> Plan(BackupPosture posture, LiveState live)
    {
        var vaults = new List<PlannedStep>();
        var vaultSettings = new List<PlannedStep>();
        var plans = new List<PlannedStep>();
        var selectionRemovals = new List<PlannedStep>();
        var selections = new List<PlannedStep>();
        var restorePlans = new List<PlannedStep>();
        var restoreSelectionRemovals = new List<PlannedStep>();
        var restoreSelections = new List<PlannedStep>();
        var planDeletes = new List<PlannedStep>();
        var vaultDeletes = new List<PlannedStep>();

        foreach (var vault in posture.Vaults)
        {
            live.Vaults.TryGetValue(vault.Name, out var liveVault);
            vaults.Add(VaultStep(vault, liveVault));
            AddIfAny(vaultSettings, LockStep(vault, liveVault, live.ServiceNow));
            AddIfAny(vaultSettings, PolicyStep(vault, liveVault));
            AddIfAny(vaultSettings, NotificationsStep(vault, liveVault));
        }

        foreach (var plan in posture.Plans)
        {
            live.Plans.TryGetValue(plan.Name, out var livePlan);
            plans.Add(PlanStep(plan, livePlan));
            MatchByName(
                plan.Selections,
                livePlan?.Selections,
                s => s.Name,
                s => s.Name,
                (selection, match) => selections.Add(SelectionStep(plan.Name, selection, match, live)),
                extra => selectionRemovals.Add(UndeclaredSelectionStep(plan.Name, extra, live)));
        }

        foreach (var plan in posture.RestoreTestingPlans)
        {
            live.RestoreTestingPlans.TryGetValue(plan.Name, out var livePlan);
            restorePlans.Add(RestoreTestingPlanStep(plan, livePlan));
            MatchByName(
                plan.Selections,
                livePlan?.Selections,
                s => s.Name,
                s => s.Name,
                (selection, match) => restoreSelections.Add(RestoreTestingSelectionStep(plan.Name, selection, match, live)),
                extra => restoreSelectionRemovals.Add(UndeclaredRestoreTestingSelectionStep(plan.Name, extra)));
        }

        foreach (var extra in live.UndeclaredPlans)
        {
            planDeletes.Add(UndeclaredPlanStep(extra));
        }

        foreach (var extra in live.UndeclaredRestoreTestingPlans)
        {
            planDeletes.Add(UndeclaredRestoreTestingPlanStep(extra));
        }

        foreach (var vault in live.UndeclaredVaults)
        {
            var delete = new DeleteBackupVaultInput { BackupVaultName = vault.Name };
            var step = UndeclaredStep(
                PostureObjectKind.Vault,
                vault.Name,
                null,
                (_, ct) => client.DeleteBackupVaultAsync(delete, ct),
                warning: vault.ReferencedBy.Count == 0
                    ? "the vault is deleted; AWS refuses if it still holds recovery points"
                    : "DESTRUCTIVE: the vault is deleted although declared rules use it (" + string.Join("; ", vault.ReferencedBy) + "); their backups or copies then fail",
                requests: [new("DeleteBackupVault", delete)],
                basis: "vault " + vault.Name);
            if (vault.ReferencedBy.Count > 0 && step.Change.Action == ChangeAction.Delete)
            {
                step = step with
                {
                    Change = step.Change with
                    {
                        Consent = new ConsentRequirement(
                            $"delete vault {vault.Name}, which declared rules use: {string.Join("; ", vault.ReferencedBy)}",
                            "a declared plan backs up into this vault or copies to it"),
                    },
                };
            }

            vaultDeletes.Add(step);
        }

        var extensions = KindPlanners.SelectMany(k => k.Plan(posture, live, options)).ToList();
        var extensionRemovals = KindPlanners.Reverse().SelectMany(k => k.PlanRemovals(posture, live, options)).ToList();
        return
        [
            .. vaults, .. vaultSettings, .. plans, .. selectionRemovals, .. selections,
            .. restorePlans, .. restoreSelectionRemovals, .. restoreSelections, .. extensions, .. extensionRemovals, .. planDeletes, .. vaultDeletes,
        ];
    }

    /// <summary>
    /// Pairs each declared child of a plan with the first live child of the same name (each live child pairs once),
    /// then hands over the live children no declaration claimed.
    /// </summary>
    private static void MatchByName<TDeclared, TLive>(
        IEnumerable<TDeclared> declared,
        IEnumerable<TLive>? live,
        Func<TDeclared, string> declaredName,
        Func<TLive, string> liveName,
        Action<TDeclared, TLive?> matched,
        Action<TLive> undeclared)
        where TLive : class
    {
        var unclaimed = live?.ToList() ?? [];
        foreach (var item in declared)
        {
            var name = declaredName(item);
            var match = unclaimed.Find(l => liveName(l) == name);
            if (match is not null)
            {
                unclaimed.Remove(match);
            }

            matched(item, match);
        }

        foreach (var extra in unclaimed)
        {
            undeclared(extra);
        }
    }

    private static void AddIfAny(List<PlannedStep> steps, PlannedStep? step)
    {
        if (step is not null)
        {
            steps.Add(step);
        }
    }

    // ---------------------------------------------------------------- vaults

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

    // ---------------------------------------------------------------- plans and selections

    private PlannedStep PlanStep(M.BackupPlan plan, LivePlan? live)
    {
        var summary = Text.Count(plan.Rules.Count, "rule") + ", " + Text.Count(plan.Selections.Count, "selection");
        if (live is null)
        {
            var input = PostureMapping.ToCreateBackupPlanInput(plan);
            input.CreatorRequestId = IdempotencyTokens.ForPlan(input);
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.Plan, Name = plan.Name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateBackupPlan", input)] },
                async (ctx, ct) =>
                {
                    // The token is derived from the content: concurrent applies of the same plan get the same plan back.
                    var output = await client.CreateBackupPlanAsync(input, ct).ConfigureAwait(false);
                    ctx.PlanIds[plan.Name] = output.BackupPlanId!;
                    ctx.PlanVersions[plan.Name] = output.VersionId;
                    ctx.Live.Observe(output.BackupPlanArn);
                    return output.BackupPlanArn;
                });
        }

        var basis = LiveBasis.Plan(live);
        var declaredDocument = PostureNormalizer.NormalizeDocument(plan);
        var liveDocument = PostureNormalizer.NormalizeDocument(live.Document!);
        var documentDiffers = declaredDocument with { Tags = default } != liveDocument with { Tags = default };
        var tagsDiffer = plan.Tags != live.Document!.Tags;
        if (!documentDiffers && !tagsDiffer)
        {
            return Unchanged(PostureObjectKind.Plan, plan.Name, live.Arn, summary, basis);
        }

        var update = documentDiffers ? PostureMapping.ToUpdateBackupPlanInput(plan, live.Id) : null;
        var (tagRequests, tagStep) = UpdateInPlace(live.Arn, null, plan.Tags, live.Document.Tags);
        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.Plan,
                Name = plan.Name,
                Action = ChangeAction.Update,
                Arn = live.Arn,
                Summary = summary,
                Basis = basis,
                Differences = PlanDiff.Compare(declaredDocument, liveDocument),
                Requests = update is null ? tagRequests : [new("UpdateBackupPlan", update), .. tagRequests],
            },
            async (ctx, ct) =>
            {
                // AWS has no conditional write: the version is checked just before writing, which narrows the window in
                // which another writer's update could be overwritten (within one process the apply lock closes it).
                await EnsurePlanVersionAsync(ctx, plan.Name, live.VersionId, ct).ConfigureAwait(false);
                if (update is not null)
                {
                    var output = await client.UpdateBackupPlanAsync(update, ct).ConfigureAwait(false);
                    ctx.PlanVersions[plan.Name] = output.VersionId;
                }

                return await tagStep!(ctx, ct).ConfigureAwait(false);
            });
    }

    /// <summary>
    /// Reads the plan's version and throws <see cref="PostureConflictException"/> when it is not
    /// <paramref name="expected"/>: another writer changed the plan since this apply read or wrote it.
    /// </summary>
    private async Task EnsurePlanVersionAsync(ApplyContext ctx, string planName, string? expected, CancellationToken ct)
    {
        string? now;
        try
        {
            now = (await client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = ctx.PlanIds[planName] }, ct).ConfigureAwait(false)).VersionId;
        }
        catch (ResourceNotFoundException ex)
        {
            throw Conflict($"plan {planName}", $"plan {planName} was deleted by another writer", ex);
        }

        if (!string.Equals(now, expected, StringComparison.Ordinal))
        {
            throw Conflict(
                $"plan {planName}",
                $"plan {planName} is at version {now} but this apply expected version {expected}: another writer changed it; this apply stops before writing its selections",
                null);
        }
    }

    private static PostureConflictException Conflict(string obj, string detail, Exception? inner) =>
        new([obj], $"Another writer changed {obj} during the apply: {detail}. Nothing more was written; read the plan again and apply.", inner);

    private PlannedStep SelectionStep(string planName, M.BackupSelection selection, LiveSelection? live, LiveState state)
    {
        var name = planName + "/" + selection.Name;
        var summary = Text.SelectionSummary(selection);
        var planned = PlannedSelectionCreate(planName, selection, state);
        if (live?.Model is null)
        {
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.Selection, Name = name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateBackupSelection", planned)] },
                async (ctx, ct) =>
                {
                    await EnsurePlanVersionAsync(ctx, planName, ctx.PlanVersions.GetValueOrDefault(planName), ct).ConfigureAwait(false);
                    return await CreateSelectionAsync(ctx, planName, selection, ct).ConfigureAwait(false);
                });
        }

        var basis = LiveBasis.Selection(live);
        var declared = PostureNormalizer.Normalize(selection, state.AccountId, state.Partition);
        var current = PostureNormalizer.Normalize(live.Model, state.AccountId, state.Partition);
        if (declared == current)
        {
            return Unchanged(PostureObjectKind.Selection, name, null, summary, basis);
        }

        var delete = new DeleteBackupSelectionInput { BackupPlanId = state.Plans[planName].Id, SelectionId = live.Id };
        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.Selection,
                Name = name,
                Action = ChangeAction.Replace,
                Summary = summary,
                Basis = basis,
                Differences = PlanDiff.Compare(declared, current),
                Requests = [new("DeleteBackupSelection", delete), new("CreateBackupSelection", planned)],
                Warning = "AWS cannot update a selection: it is deleted and created again, so its resources are briefly not assigned to the plan",
            },
            async (ctx, ct) =>
            {
                await EnsurePlanVersionAsync(ctx, planName, ctx.PlanVersions.GetValueOrDefault(planName), ct).ConfigureAwait(false);
                try
                {
                    await client.DeleteBackupSelectionAsync(delete, ct).ConfigureAwait(false);
                }
                catch (ResourceNotFoundException ex)
                {
                    throw Conflict($"selection {name}", $"selection {live.Id} was already deleted by another writer", ex);
                }

                return await CreateSelectionAsync(ctx, planName, selection, ct).ConfigureAwait(false);
            });
    }

    /// <summary>The create request as far as planning knows it: the plan id and account are placeholders until the apply learns them.</summary>
    private static CreateBackupSelectionInput PlannedSelectionCreate(string planName, M.BackupSelection selection, LiveState state)
    {
        var planId = state.Plans.TryGetValue(planName, out var plan) ? plan.Id : "{plan-id:" + planName + "}";
        var input = PostureMapping.ToCreateBackupSelectionInput(selection, planId, state.AccountId ?? "{account}", state.Partition);
        input.CreatorRequestId = IdempotencyTokens.ForSelection(planName, input.BackupSelection!);
        return input;
    }

    private async Task<string?> CreateSelectionAsync(ApplyContext ctx, string planName, M.BackupSelection selection, CancellationToken ct)
    {
        var accountId = RequireAccount(ctx, selection.Name);
        var planId = ctx.PlanIds[planName];
        var input = PostureMapping.ToCreateBackupSelectionInput(selection, planId, accountId, ctx.Live.Partition);
        input.CreatorRequestId = IdempotencyTokens.ForSelection(planName, input.BackupSelection!);

        // A selection of this name that this content did not create means another writer is applying another version.
        await foreach (var existing in client.PaginateListBackupSelections(new ListBackupSelectionsInput { BackupPlanId = planId }, ct).ConfigureAwait(false))
        {
            if (existing.SelectionName == selection.Name)
            {
                if (existing.CreatorRequestId == input.CreatorRequestId)
                {
                    return existing.SelectionId;
                }

                throw Conflict($"selection {planName}/{selection.Name}", $"a selection of that name ({existing.SelectionId}) was created by another writer", null);
            }
        }

        var output = await client.CreateBackupSelectionAsync(input, ct).ConfigureAwait(false);
        return output.SelectionId;
    }

    private PlannedStep UndeclaredSelectionStep(string planName, LiveSelection live, LiveState state)
    {
        var delete = new DeleteBackupSelectionInput { BackupPlanId = state.Plans[planName].Id, SelectionId = live.Id };
        return UndeclaredStep(
            PostureObjectKind.Selection,
            planName + "/" + live.Name,
            null,
            async (ctx, ct) =>
            {
                await EnsurePlanVersionAsync(ctx, planName, ctx.PlanVersions.GetValueOrDefault(planName), ct).ConfigureAwait(false);
                await client.DeleteBackupSelectionAsync(delete, ct).ConfigureAwait(false);
            },
            requests: [new("DeleteBackupSelection", delete)],
            basis: LiveBasis.Selection(live));
    }

    private PlannedStep UndeclaredPlanStep(LivePlan live)
    {
        IReadOnlyList<PlannedRequest> requests =
        [
            .. live.Selections.Select(s => new PlannedRequest("DeleteBackupSelection", new DeleteBackupSelectionInput { BackupPlanId = live.Id, SelectionId = s.Id })),
            new("DeleteBackupPlan", new DeleteBackupPlanInput { BackupPlanId = live.Id }),
        ];
        return UndeclaredStep(
            PostureObjectKind.Plan,
            live.Name,
            live.Arn,
            async (_, ct) =>
            {
                foreach (var request in requests)
                {
                    if (request.Input is DeleteBackupSelectionInput selection)
                    {
                        await client.DeleteBackupSelectionAsync(selection, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        await client.DeleteBackupPlanAsync((DeleteBackupPlanInput)request.Input, ct).ConfigureAwait(false);
                    }
                }
            },
            Text.Count(live.Selections.Count, "selection") + " deleted first",
            "deleting the plan stops its scheduled backups; recovery points already taken are kept",
            requests,
            LiveBasis.Plan(live));
    }

    // ---------------------------------------------------------------- restore testing

    private PlannedStep RestoreTestingPlanStep(RestoreTestingPlan plan, LiveRestoreTestingPlan? live)
    {
        var summary = Text.Schedule(plan.Schedule) + ", " + Text.Count(plan.Selections.Count, "selection");
        if (live?.Document is null)
        {
            var input = RestoreTestingMapping.ToCreateRestoreTestingPlanInput(plan);
            input.CreatorRequestId = IdempotencyTokens.ForRestoreTestingPlan(input);
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.RestoreTestingPlan, Name = plan.Name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateRestoreTestingPlan", input)] },
                async (ctx, ct) =>
                {
                    var arn = (await client.CreateRestoreTestingPlanAsync(input, ct).ConfigureAwait(false)).RestoreTestingPlanArn;
                    ctx.Live.Observe(arn);
                    return arn;
                });
        }

        var basis = LiveBasis.RestoreTestingPlan(live);
        var declared = PostureNormalizer.Normalize(plan);
        var current = PostureNormalizer.Normalize(live.Document);
        var documentDiffers = declared with { Tags = default } != current with { Tags = default };
        var tagsDiffer = plan.Tags != live.Document.Tags;
        if (!documentDiffers && !tagsDiffer)
        {
            return Unchanged(PostureObjectKind.RestoreTestingPlan, plan.Name, live.Arn, summary, basis);
        }

        var update = documentDiffers ? RestoreTestingMapping.ToUpdateRestoreTestingPlanInput(plan) : null;
        var (requests, step) = UpdateInPlace(
            live.Arn,
            update is null ? null : new("UpdateRestoreTestingPlan", update),
            plan.Tags,
            live.Document.Tags,
            update is null ? null : ct => client.UpdateRestoreTestingPlanAsync(update, ct));
        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.RestoreTestingPlan,
                Name = plan.Name,
                Action = ChangeAction.Update,
                Arn = live.Arn,
                Summary = summary,
                Basis = basis,
                Requests = requests,
                Differences = PlanDiff.Compare(declared, current),
            },
            step);
    }

    private PlannedStep RestoreTestingSelectionStep(string planName, RestoreTestingSelection selection, LiveRestoreTestingSelection? live, LiveState state)
    {
        var name = planName + "/" + selection.Name;
        var summary = selection.ProtectedResourceType + ", " + Text.Count(selection.ProtectedResourceArns.Count, "resource pattern");
        var planned = RestoreTestingMapping.ToCreateRestoreTestingSelectionInput(planName, selection, state.AccountId ?? "{account}", state.Partition);
        planned.CreatorRequestId = IdempotencyTokens.ForRestoreTestingSelection(planName, planned.RestoreTestingSelection!);
        if (live?.Model is null)
        {
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.RestoreTestingSelection, Name = name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateRestoreTestingSelection", planned)] },
                (ctx, ct) => CreateRestoreTestingSelectionAsync(ctx, planName, selection, ct));
        }

        var basis = LiveBasis.RestoreTestingSelection(live);
        var declared = PostureNormalizer.Normalize(selection, state.AccountId, state.Partition);
        var current = PostureNormalizer.Normalize(live.Model, state.AccountId, state.Partition);
        if (declared == current)
        {
            return Unchanged(PostureObjectKind.RestoreTestingSelection, name, null, summary, basis);
        }

        var differences = PlanDiff.Compare(declared, current);
        if (!string.Equals(selection.ProtectedResourceType, live.Model.ProtectedResourceType, StringComparison.Ordinal))
        {
            // AWS cannot change the resource type of a restore testing selection.
            var delete = new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = planName, RestoreTestingSelectionName = selection.Name };
            return new PlannedStep(
                new PostureChange
                {
                    Kind = PostureObjectKind.RestoreTestingSelection,
                    Name = name,
                    Action = ChangeAction.Replace,
                    Summary = summary,
                    Basis = basis,
                    Differences = differences,
                    Requests = [new("DeleteRestoreTestingSelection", delete), new("CreateRestoreTestingSelection", planned)],
                    Warning = "AWS cannot change the resource type of a restore testing selection: it is deleted and created again",
                },
                async (ctx, ct) =>
                {
                    await client.DeleteRestoreTestingSelectionAsync(delete, ct).ConfigureAwait(false);
                    return await CreateRestoreTestingSelectionAsync(ctx, planName, selection, ct).ConfigureAwait(false);
                });
        }

        var update = state.AccountId is null ? null : RestoreTestingMapping.ToUpdateRestoreTestingSelectionInput(planName, selection, state.AccountId, state.Partition);
        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.RestoreTestingSelection,
                Name = name,
                Action = ChangeAction.Update,
                Summary = summary,
                Basis = basis,
                Differences = differences,
                Requests = update is null ? [] : [new("UpdateRestoreTestingSelection", update)],
            },
            async (ctx, ct) =>
            {
                var accountId = RequireAccount(ctx, selection.Name);
                await client.UpdateRestoreTestingSelectionAsync(update ?? RestoreTestingMapping.ToUpdateRestoreTestingSelectionInput(planName, selection, accountId, ctx.Live.Partition), ct).ConfigureAwait(false);
                return null;
            });
    }

    private async Task<string?> CreateRestoreTestingSelectionAsync(ApplyContext ctx, string planName, RestoreTestingSelection selection, CancellationToken ct)
    {
        var input = RestoreTestingMapping.ToCreateRestoreTestingSelectionInput(planName, selection, RequireAccount(ctx, selection.Name), ctx.Live.Partition);
        input.CreatorRequestId = IdempotencyTokens.ForRestoreTestingSelection(planName, input.RestoreTestingSelection!);
        await client.CreateRestoreTestingSelectionAsync(input, ct).ConfigureAwait(false);
        return null;
    }

    private PlannedStep UndeclaredRestoreTestingSelectionStep(string planName, LiveRestoreTestingSelection live)
    {
        var delete = new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = planName, RestoreTestingSelectionName = live.Name };
        return UndeclaredStep(
            PostureObjectKind.RestoreTestingSelection,
            planName + "/" + live.Name,
            null,
            (_, ct) => client.DeleteRestoreTestingSelectionAsync(delete, ct),
            requests: [new("DeleteRestoreTestingSelection", delete)],
            basis: LiveBasis.RestoreTestingSelection(live));
    }

    private PlannedStep UndeclaredRestoreTestingPlanStep(LiveRestoreTestingPlan live)
    {
        // AWS deletes a restore testing plan only once it has no selections.
        var deletes = live.Selections.Select(s => new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = live.Name, RestoreTestingSelectionName = s.Name }).ToList();
        var deletePlan = new DeleteRestoreTestingPlanInput { RestoreTestingPlanName = live.Name };
        return UndeclaredStep(
            PostureObjectKind.RestoreTestingPlan,
            live.Name,
            live.Arn,
            async (_, ct) =>
            {
                foreach (var delete in deletes)
                {
                    await client.DeleteRestoreTestingSelectionAsync(delete, ct).ConfigureAwait(false);
                }

                await client.DeleteRestoreTestingPlanAsync(deletePlan, ct).ConfigureAwait(false);
            },
            Text.Count(live.Selections.Count, "selection") + " deleted first",
            requests: [.. deletes.Select(d => new PlannedRequest("DeleteRestoreTestingSelection", d)), new("DeleteRestoreTestingPlan", deletePlan)],
            basis: LiveBasis.RestoreTestingPlan(live));
    }

    private static string RequireAccount(ApplyContext ctx, string selectionName) =>
        ctx.Live.AccountId
            ?? throw new InvalidOperationException($"Cannot resolve the IAM role of selection '{selectionName}': no ARN returned by AWS told the account id. Declare the role with an explicit ARN.");

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// A live object the posture does not declare: deleted by <paramref name="delete"/> when the options allow
    /// deletions, otherwise only reported. The delete step returns <paramref name="arn"/>.
    /// </summary>
    private PlannedStep UndeclaredStep(
        PostureObjectKind kind,
        string name,
        string? arn,
        Func<ApplyContext, CancellationToken, Task> delete,
        string? summary = null,
        string? warning = null,
        IReadOnlyList<PlannedRequest>? requests = null,
        string? basis = null)
    {
        if (!options.DeleteUndeclared)
        {
            return new PlannedStep(new PostureChange { Kind = kind, Name = name, Action = ChangeAction.Undeclared, Arn = arn, Basis = basis }, null);
        }

        return new PlannedStep(
            new PostureChange { Kind = kind, Name = name, Action = ChangeAction.Delete, Arn = arn, Summary = summary, Warning = warning, Basis = basis, Requests = requests ?? [] },
            async (ctx, ct) =>
            {
                await delete(ctx, ct).ConfigureAwait(false);
                return arn;
            });
    }

    /// <summary>
    /// Updates an existing object: its document with <paramref name="updateDocument"/> (<see langword="null"/> when it
    /// is unchanged), then its tags when they differ. Returns the requests and the step, which returns <paramref name="arn"/>.
    /// </summary>
    private (IReadOnlyList<PlannedRequest> Requests, Func<ApplyContext, CancellationToken, Task<string?>> Step) UpdateInPlace(
        string arn,
        PlannedRequest? documentRequest,
        ValueMap<string> declaredTags,
        ValueMap<string> currentTags,
        Func<CancellationToken, Task>? updateDocument = null)
    {
        var set = declaredTags.Where(t => !currentTags.TryGetValue(t.Key, out var value) || value != t.Value).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var remove = currentTags.Keys.Where(k => !declaredTags.ContainsKey(k)).ToList();
        var tag = set.Count > 0 ? new TagResourceInput { ResourceArn = arn, Tags = set } : null;
        var untag = remove.Count > 0 ? new UntagResourceInput { ResourceArn = arn, TagKeyList = remove } : null;
        var requests = new List<PlannedRequest>();
        if (documentRequest is not null)
        {
            requests.Add(documentRequest);
        }

        if (tag is not null)
        {
            requests.Add(new("TagResource", tag));
        }

        if (untag is not null)
        {
            requests.Add(new("UntagResource", untag));
        }

        return (requests, async (_, ct) =>
        {
            if (updateDocument is not null)
            {
                await updateDocument(ct).ConfigureAwait(false);
            }

            if (tag is not null)
            {
                await client.TagResourceAsync(tag, ct).ConfigureAwait(false);
            }

            if (untag is not null)
            {
                await client.UntagResourceAsync(untag, ct).ConfigureAwait(false);
            }

            return arn;
        });
    }

    private static PlannedStep Unchanged(PostureObjectKind kind, string name, string? arn, string? summary, string? basis) =>
        new(new PostureChange { Kind = kind, Name = name, Action = ChangeAction.Unchanged, Arn = arn, Summary = summary, Basis = basis }, null);

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
