using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;

namespace BackupKit.Reconcile;

/// <summary>A change and, for writes, how to apply it.</summary>
internal sealed record PlannedStep(PostureChange Change, Func<ApplyContext, CancellationToken, Task<string?>>? Execute);

/// <summary>What the steps of one apply share: plan ids and the account learned along the way.</summary>
internal sealed class ApplyContext(LiveState live)
{
    public LiveState Live { get; } = live;

    public Dictionary<string, string> PlanIds { get; } = live.Plans.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal);
}

/// <summary>
/// Compares a posture with live state and produces the ordered steps: vaults, vault settings, plans, selections,
/// then deletions (selections before their plan, plans before vaults).
/// </summary>
internal sealed class ChangePlanner(IBackupClient client, PostureApplyOptions options, TimeProvider timeProvider)
{
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
            AddIfAny(vaultSettings, LockStep(vault, liveVault));
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
                extra => selectionRemovals.Add(UndeclaredSelectionStep(plan.Name, extra)));
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
                extra => restoreSelectionRemovals.Add(UndeclaredRestoreTestingSelectionStep(plan.Name, extra.Name)));
        }

        foreach (var extra in live.UndeclaredPlans)
        {
            planDeletes.Add(UndeclaredPlanStep(extra));
        }

        foreach (var extra in live.UndeclaredRestoreTestingPlans)
        {
            planDeletes.Add(UndeclaredRestoreTestingPlanStep(extra));
        }

        foreach (var name in live.UndeclaredVaults)
        {
            vaultDeletes.Add(UndeclaredStep(
                PostureObjectKind.Vault,
                name,
                null,
                (_, ct) => client.DeleteBackupVaultAsync(new DeleteBackupVaultInput { BackupVaultName = name }, ct),
                warning: "the vault is deleted; AWS refuses if it still holds recovery points"));
        }

        return
        [
            .. vaults, .. vaultSettings, .. plans, .. selectionRemovals, .. selections,
            .. restorePlans, .. restoreSelectionRemovals, .. restoreSelections, .. planDeletes, .. vaultDeletes,
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
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.Vault, Name = vault.Name, Action = ChangeAction.Create, Summary = summary },
                async (ctx, ct) =>
                {
                    string? arn;
                    if (vault.IsLogicallyAirGapped)
                    {
                        arn = (await client.CreateLogicallyAirGappedBackupVaultAsync(PostureMapping.ToCreateLogicallyAirGappedBackupVaultInput(vault, token), ct).ConfigureAwait(false)).BackupVaultArn;
                    }
                    else
                    {
                        arn = (await client.CreateBackupVaultAsync(PostureMapping.ToCreateBackupVaultInput(vault, token), ct).ConfigureAwait(false)).BackupVaultArn;
                    }

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
                    Warning = "AWS cannot change a vault's type, air-gap retention or encryption key; declare a new vault (and point the rules at it) or restore the declared value",
                },
                null);
        }

        if (vault.Tags == current.Tags)
        {
            return Unchanged(PostureObjectKind.Vault, vault.Name, live.Arn, summary);
        }

        return new PlannedStep(
            new PostureChange { Kind = PostureObjectKind.Vault, Name = vault.Name, Action = ChangeAction.Update, Arn = live.Arn, Summary = summary, Differences = [new("tags", Text.Tags(vault.Tags), Text.Tags(current.Tags))] },
            UpdateInPlace(live.Arn, null, vault.Tags, current.Tags));
    }

    private PlannedStep? LockStep(BackupVault vault, LiveVault? live)
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

        var immutable = live?.LockDate is { } lockDate && lockDate <= timeProvider.GetUtcNow();
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
                        Warning = immutable ? "the compliance-mode lock is immutable; AWS does not allow removing it" : null,
                    },
                    null);
            }

            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.VaultLock, Name = vault.Name, Action = ChangeAction.Delete, Summary = Text.Lock(current!) },
                async (_, ct) =>
                {
                    await client.DeleteBackupVaultLockConfigurationAsync(new DeleteBackupVaultLockConfigurationInput { BackupVaultName = vault.Name }, ct).ConfigureAwait(false);
                    return null;
                });
        }

        Func<ApplyContext, CancellationToken, Task<string?>> put = async (_, ct) =>
        {
            await client.PutBackupVaultLockConfigurationAsync(PostureMapping.ToPutLockInput(vault.Name, declared), ct).ConfigureAwait(false);
            return null;
        };
        if (current is null)
        {
            return new PlannedStep(new PostureChange { Kind = PostureObjectKind.VaultLock, Name = vault.Name, Action = ChangeAction.Create, Summary = Text.Lock(declared), Warning = warning }, put);
        }

        // AWS does not return ChangeableForDays: two compliance locks with the same bounds are equal.
        if (declared.Mode == current.Mode && declared.MinRetention == current.MinRetention && declared.MaxRetention == current.MaxRetention)
        {
            return Unchanged(PostureObjectKind.VaultLock, vault.Name, null, Text.Lock(declared));
        }

        var differences = new List<PropertyDifference> { new("lock", Text.Lock(declared), Text.Lock(current)) };
        return immutable
            ? new PlannedStep(
                new PostureChange
                {
                    Kind = PostureObjectKind.VaultLock,
                    Name = vault.Name,
                    Action = ChangeAction.Blocked,
                    Differences = differences,
                    Warning = $"the compliance-mode lock became immutable on {live!.LockDate:yyyy-MM-dd}; AWS refuses any change. Declare the live lock to unblock the apply",
                },
                null)
            : new PlannedStep(new PostureChange { Kind = PostureObjectKind.VaultLock, Name = vault.Name, Action = ChangeAction.Update, Differences = differences, Summary = Text.Lock(declared), Warning = warning }, put);
    }

    private PlannedStep? PolicyStep(BackupVault vault, LiveVault? live)
    {
        var declared = PostureNormalizer.NormalizePolicy(vault.AccessPolicy);
        var current = PostureNormalizer.NormalizePolicy(live?.Model.AccessPolicy);
        return SettingStep(
            PostureObjectKind.VaultAccessPolicy,
            vault.Name,
            declared,
            current,
            declared == current,
            null,
            async ct => await client.PutBackupVaultAccessPolicyAsync(PostureMapping.ToPutAccessPolicyInput(vault.Name, vault.AccessPolicy!), ct).ConfigureAwait(false),
            async ct => await client.DeleteBackupVaultAccessPolicyAsync(new DeleteBackupVaultAccessPolicyInput { BackupVaultName = vault.Name }, ct).ConfigureAwait(false),
            new("policy", declared, current));
    }

    private PlannedStep? NotificationsStep(BackupVault vault, LiveVault? live)
    {
        var declared = PostureNormalizer.Normalize(vault.Notifications);
        var current = PostureNormalizer.Normalize(live?.Model.Notifications);
        return SettingStep(
            PostureObjectKind.VaultNotifications,
            vault.Name,
            declared,
            current,
            declared == current,
            declared is null ? null : $"{declared.SnsTopicArn}, {declared.Events.Count} event(s)",
            async ct => await client.PutBackupVaultNotificationsAsync(PostureMapping.ToPutNotificationsInput(vault.Name, vault.Notifications!), ct).ConfigureAwait(false),
            async ct => await client.DeleteBackupVaultNotificationsAsync(new DeleteBackupVaultNotificationsInput { BackupVaultName = vault.Name }, ct).ConfigureAwait(false),
            new("notifications", declared is null ? null : Text.Notifications(declared), current is null ? null : Text.Notifications(current)));
    }

    private PlannedStep? SettingStep(
        PostureObjectKind kind,
        string vaultName,
        object? declared,
        object? current,
        bool equal,
        string? summary,
        Func<CancellationToken, Task> put,
        Func<CancellationToken, Task> delete,
        PropertyDifference difference)
    {
        if (declared is null && current is null)
        {
            return null;
        }

        if (declared is null)
        {
            return UndeclaredStep(kind, vaultName, null, (_, ct) => delete(ct));
        }

        if (current is null)
        {
            return new PlannedStep(new PostureChange { Kind = kind, Name = vaultName, Action = ChangeAction.Create, Summary = summary }, Run(put));
        }

        return equal
            ? Unchanged(kind, vaultName, null, summary)
            : new PlannedStep(new PostureChange { Kind = kind, Name = vaultName, Action = ChangeAction.Update, Summary = summary, Differences = [difference] }, Run(put));

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
                new PostureChange { Kind = PostureObjectKind.Plan, Name = plan.Name, Action = ChangeAction.Create, Summary = summary },
                async (ctx, ct) =>
                {
                    var output = await client.CreateBackupPlanAsync(input, ct).ConfigureAwait(false);
                    ctx.PlanIds[plan.Name] = output.BackupPlanId!;
                    ctx.Live.Observe(output.BackupPlanArn);
                    return output.BackupPlanArn;
                });
        }

        var declaredDocument = PostureNormalizer.NormalizeDocument(plan);
        var liveDocument = PostureNormalizer.NormalizeDocument(live.Document!);
        var documentDiffers = declaredDocument with { Tags = default } != liveDocument with { Tags = default };
        var tagsDiffer = plan.Tags != live.Document!.Tags;
        if (!documentDiffers && !tagsDiffer)
        {
            return Unchanged(PostureObjectKind.Plan, plan.Name, live.Arn, summary);
        }

        var differences = PlanDiff.Compare(declaredDocument, liveDocument);
        return new PlannedStep(
            new PostureChange { Kind = PostureObjectKind.Plan, Name = plan.Name, Action = ChangeAction.Update, Arn = live.Arn, Summary = summary, Differences = differences },
            UpdateInPlace(
                live.Arn,
                documentDiffers ? ct => client.UpdateBackupPlanAsync(PostureMapping.ToUpdateBackupPlanInput(plan, live.Id), ct) : null,
                plan.Tags,
                live.Document.Tags));
    }

    private PlannedStep SelectionStep(string planName, M.BackupSelection selection, LiveSelection? live, LiveState state)
    {
        var name = planName + "/" + selection.Name;
        var summary = Text.SelectionSummary(selection);
        if (live?.Model is null)
        {
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.Selection, Name = name, Action = ChangeAction.Create, Summary = summary },
                (ctx, ct) => CreateSelectionAsync(ctx, planName, selection, ct));
        }

        var declared = PostureNormalizer.Normalize(selection, state.AccountId, state.Partition);
        var current = PostureNormalizer.Normalize(live.Model, state.AccountId, state.Partition);
        if (declared == current)
        {
            return Unchanged(PostureObjectKind.Selection, name, null, summary);
        }

        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.Selection,
                Name = name,
                Action = ChangeAction.Replace,
                Summary = summary,
                Differences = PlanDiff.Compare(declared, current),
                Warning = "AWS cannot update a selection: it is deleted and created again, so its resources are briefly not assigned to the plan",
            },
            async (ctx, ct) =>
            {
                await client.DeleteBackupSelectionAsync(new DeleteBackupSelectionInput { BackupPlanId = ctx.PlanIds[planName], SelectionId = live.Id }, ct).ConfigureAwait(false);
                return await CreateSelectionAsync(ctx, planName, selection, ct).ConfigureAwait(false);
            });
    }

    private async Task<string?> CreateSelectionAsync(ApplyContext ctx, string planName, M.BackupSelection selection, CancellationToken ct)
    {
        var accountId = RequireAccount(ctx, selection.Name);
        var input = PostureMapping.ToCreateBackupSelectionInput(selection, ctx.PlanIds[planName], accountId, ctx.Live.Partition);
        input.CreatorRequestId = IdempotencyTokens.ForSelection(planName, input.BackupSelection!);
        var output = await client.CreateBackupSelectionAsync(input, ct).ConfigureAwait(false);
        return output.SelectionId;
    }

    private PlannedStep UndeclaredSelectionStep(string planName, LiveSelection live) =>
        UndeclaredStep(
            PostureObjectKind.Selection,
            planName + "/" + live.Name,
            null,
            (ctx, ct) => client.DeleteBackupSelectionAsync(new DeleteBackupSelectionInput { BackupPlanId = ctx.PlanIds[planName], SelectionId = live.Id }, ct));

    private PlannedStep UndeclaredPlanStep(LivePlan live) =>
        UndeclaredStep(
            PostureObjectKind.Plan,
            live.Name,
            live.Arn,
            async (_, ct) =>
            {
                foreach (var selection in live.Selections)
                {
                    await client.DeleteBackupSelectionAsync(new DeleteBackupSelectionInput { BackupPlanId = live.Id, SelectionId = selection.Id }, ct).ConfigureAwait(false);
                }

                await client.DeleteBackupPlanAsync(new DeleteBackupPlanInput { BackupPlanId = live.Id }, ct).ConfigureAwait(false);
            },
            Text.Count(live.Selections.Count, "selection") + " deleted first",
            "deleting the plan stops its scheduled backups; recovery points already taken are kept");

    // ---------------------------------------------------------------- restore testing

    private PlannedStep RestoreTestingPlanStep(RestoreTestingPlan plan, LiveRestoreTestingPlan? live)
    {
        var summary = Text.Schedule(plan.Schedule) + ", " + Text.Count(plan.Selections.Count, "selection");
        if (live?.Document is null)
        {
            var input = RestoreTestingMapping.ToCreateRestoreTestingPlanInput(plan);
            input.CreatorRequestId = IdempotencyTokens.ForRestoreTestingPlan(input);
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.RestoreTestingPlan, Name = plan.Name, Action = ChangeAction.Create, Summary = summary },
                async (ctx, ct) =>
                {
                    var arn = (await client.CreateRestoreTestingPlanAsync(input, ct).ConfigureAwait(false)).RestoreTestingPlanArn;
                    ctx.Live.Observe(arn);
                    return arn;
                });
        }

        var declared = PostureNormalizer.Normalize(plan);
        var current = PostureNormalizer.Normalize(live.Document);
        var documentDiffers = declared with { Tags = default } != current with { Tags = default };
        var tagsDiffer = plan.Tags != live.Document.Tags;
        if (!documentDiffers && !tagsDiffer)
        {
            return Unchanged(PostureObjectKind.RestoreTestingPlan, plan.Name, live.Arn, summary);
        }

        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.RestoreTestingPlan,
                Name = plan.Name,
                Action = ChangeAction.Update,
                Arn = live.Arn,
                Summary = summary,
                Differences = PlanDiff.Compare(declared, current),
            },
            UpdateInPlace(
                live.Arn,
                documentDiffers ? ct => client.UpdateRestoreTestingPlanAsync(RestoreTestingMapping.ToUpdateRestoreTestingPlanInput(plan), ct) : null,
                plan.Tags,
                live.Document.Tags));
    }

    private PlannedStep RestoreTestingSelectionStep(string planName, RestoreTestingSelection selection, LiveRestoreTestingSelection? live, LiveState state)
    {
        var name = planName + "/" + selection.Name;
        var summary = selection.ProtectedResourceType + ", " + Text.Count(selection.ProtectedResourceArns.Count, "resource pattern");
        if (live?.Model is null)
        {
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.RestoreTestingSelection, Name = name, Action = ChangeAction.Create, Summary = summary },
                (ctx, ct) => CreateRestoreTestingSelectionAsync(ctx, planName, selection, ct));
        }

        var declared = PostureNormalizer.Normalize(selection, state.AccountId, state.Partition);
        var current = PostureNormalizer.Normalize(live.Model, state.AccountId, state.Partition);
        if (declared == current)
        {
            return Unchanged(PostureObjectKind.RestoreTestingSelection, name, null, summary);
        }

        var differences = PlanDiff.Compare(declared, current);
        if (!string.Equals(selection.ProtectedResourceType, live.Model.ProtectedResourceType, StringComparison.Ordinal))
        {
            // AWS cannot change the resource type of a restore testing selection.
            return new PlannedStep(
                new PostureChange
                {
                    Kind = PostureObjectKind.RestoreTestingSelection,
                    Name = name,
                    Action = ChangeAction.Replace,
                    Summary = summary,
                    Differences = differences,
                    Warning = "AWS cannot change the resource type of a restore testing selection: it is deleted and created again",
                },
                async (ctx, ct) =>
                {
                    await client.DeleteRestoreTestingSelectionAsync(new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = planName, RestoreTestingSelectionName = selection.Name }, ct).ConfigureAwait(false);
                    return await CreateRestoreTestingSelectionAsync(ctx, planName, selection, ct).ConfigureAwait(false);
                });
        }

        return new PlannedStep(
            new PostureChange { Kind = PostureObjectKind.RestoreTestingSelection, Name = name, Action = ChangeAction.Update, Summary = summary, Differences = differences },
            async (ctx, ct) =>
            {
                var accountId = RequireAccount(ctx, selection.Name);
                await client.UpdateRestoreTestingSelectionAsync(RestoreTestingMapping.ToUpdateRestoreTestingSelectionInput(planName, selection, accountId, ctx.Live.Partition), ct).ConfigureAwait(false);
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

    private PlannedStep UndeclaredRestoreTestingSelectionStep(string planName, string selectionName) =>
        UndeclaredStep(
            PostureObjectKind.RestoreTestingSelection,
            planName + "/" + selectionName,
            null,
            (_, ct) => client.DeleteRestoreTestingSelectionAsync(new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = planName, RestoreTestingSelectionName = selectionName }, ct));

    private PlannedStep UndeclaredRestoreTestingPlanStep(LiveRestoreTestingPlan live) =>
        UndeclaredStep(
            PostureObjectKind.RestoreTestingPlan,
            live.Name,
            live.Arn,
            async (_, ct) =>
            {
                // AWS deletes a restore testing plan only once it has no selections.
                foreach (var selection in live.Selections)
                {
                    await client.DeleteRestoreTestingSelectionAsync(new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = live.Name, RestoreTestingSelectionName = selection.Name }, ct).ConfigureAwait(false);
                }

                await client.DeleteRestoreTestingPlanAsync(new DeleteRestoreTestingPlanInput { RestoreTestingPlanName = live.Name }, ct).ConfigureAwait(false);
            },
            Text.Count(live.Selections.Count, "selection") + " deleted first");

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
        string? warning = null)
    {
        if (!options.DeleteUndeclared)
        {
            return new PlannedStep(new PostureChange { Kind = kind, Name = name, Action = ChangeAction.Undeclared, Arn = arn }, null);
        }

        return new PlannedStep(
            new PostureChange { Kind = kind, Name = name, Action = ChangeAction.Delete, Arn = arn, Summary = summary, Warning = warning },
            async (ctx, ct) =>
            {
                await delete(ctx, ct).ConfigureAwait(false);
                return arn;
            });
    }

    /// <summary>
    /// Updates an existing object: its document with <paramref name="updateDocument"/> (<see langword="null"/> when it
    /// is unchanged), then its tags when they differ. The step returns <paramref name="arn"/>.
    /// </summary>
    private Func<ApplyContext, CancellationToken, Task<string?>> UpdateInPlace(
        string arn,
        Func<CancellationToken, Task>? updateDocument,
        ValueMap<string> declaredTags,
        ValueMap<string> currentTags) =>
        async (_, ct) =>
        {
            if (updateDocument is not null)
            {
                await updateDocument(ct).ConfigureAwait(false);
            }

            if (declaredTags != currentTags)
            {
                await UpdateTagsAsync(arn, declaredTags, currentTags, ct).ConfigureAwait(false);
            }

            return arn;
        };

    private async Task UpdateTagsAsync(string arn, ValueMap<string> declared, ValueMap<string> current, CancellationToken ct)
    {
        var set = declared.Where(t => !current.TryGetValue(t.Key, out var value) || value != t.Value).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var remove = current.Keys.Where(k => !declared.ContainsKey(k)).ToList();
        if (set.Count > 0)
        {
            await client.TagResourceAsync(new TagResourceInput { ResourceArn = arn, Tags = set }, ct).ConfigureAwait(false);
        }

        if (remove.Count > 0)
        {
            await client.UntagResourceAsync(new UntagResourceInput { ResourceArn = arn, TagKeyList = remove }, ct).ConfigureAwait(false);
        }
    }

    private static PlannedStep Unchanged(PostureObjectKind kind, string name, string? arn, string? summary) =>
        new(new PostureChange { Kind = kind, Name = name, Action = ChangeAction.Unchanged, Arn = arn, Summary = summary }, null);

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
