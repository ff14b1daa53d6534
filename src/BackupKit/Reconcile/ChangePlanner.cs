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
internal sealed partial class ChangePlanner(IBackupClient client, PostureApplyOptions options, IReadOnlyList<IObjectKindPlanner>? kindPlanners = null)
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

    private static string RequireAccount(ApplyContext ctx, string selectionName) =>
        ctx.Live.AccountId
            ?? throw new InvalidOperationException($"Cannot resolve the IAM role of selection '{selectionName}': no ARN returned by AWS told the account id. Declare the role with an explicit ARN.");

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
        var (tag, untag) = KindPlannerSupport.TagChanges(arn, declaredTags, currentTags);
        IReadOnlyList<PlannedRequest> requests = [.. documentRequest is null ? [] : new[] { documentRequest }, .. KindPlannerSupport.TagRequests(tag, untag)];

        return (requests, async (_, ct) =>
        {
            if (updateDocument is not null)
            {
                await updateDocument(ct).ConfigureAwait(false);
            }

            await KindPlannerSupport.ApplyTagsAsync(client, tag, untag, ct).ConfigureAwait(false);
            return arn;
        });
    }

    private static PlannedStep Unchanged(PostureObjectKind kind, string name, string? arn, string? summary, string? basis) =>
        new(new PostureChange { Kind = kind, Name = name, Action = ChangeAction.Unchanged, Arn = arn, Summary = summary, Basis = basis }, null);
}
