using BackupKit.Model;
using BackupKit.Wire;

namespace BackupKit.Reconcile;

/// <summary>
/// The extension point of <see cref="ChangePlanner"/> for object kinds beyond vaults, plans, selections and restore
/// testing (audit frameworks and report plans use it). A kind planner reads its live state into
/// <see cref="LiveState.Extensions"/> under its <see cref="Name"/>, plans its changes without calling AWS (the steps'
/// closures make the calls when executed), and names the compared text of every live object it read, so that applying a
/// reviewed plan refuses when one of them moved. To add a kind, implement this interface and register it in
/// <see cref="ObjectKindPlanners"/>; neither <see cref="ChangePlanner"/> nor <see cref="PostureApplier"/> changes.
/// </summary>
/// <remarks>
/// Order: planners read and plan in registration order (a later planner may read an earlier one's live state, as report
/// plans read the frameworks' ARNs); their <see cref="Plan"/> steps run after restore testing, then their
/// <see cref="PlanRemovals"/> steps in reverse registration order (dependents first), then the deletions of built-in kinds.
/// </remarks>
internal interface IObjectKindPlanner
{
    /// <summary>Gets the key of this planner's live state in <see cref="LiveState.Extensions"/>.</summary>
    string Name { get; }

    /// <summary>Reads the live state this planner compares with (read-only calls only).</summary>
    Task ReadAsync(BackupPosture posture, PostureApplyOptions options, LiveState state, CancellationToken cancellationToken);

    /// <summary>Plans the creates and updates of declared objects, in apply order, with <see cref="PostureChange.Basis"/> and requests set.</summary>
    IEnumerable<PlannedStep> Plan(BackupPosture posture, LiveState live, PostureApplyOptions options);

    /// <summary>Plans what happens to live objects the posture does not declare (deleted or only reported, per <see cref="PostureApplyOptions.DeleteUndeclared"/>).</summary>
    IEnumerable<PlannedStep> PlanRemovals(BackupPosture posture, LiveState live, PostureApplyOptions options);

    /// <summary>The compared text of each live object this planner read, by display name.</summary>
    IEnumerable<KeyValuePair<string, string>> Basis(LiveState live);
}

/// <summary>The object-kind planners every <see cref="PostureApplier"/> uses, in dependency order.</summary>
internal static class ObjectKindPlanners
{
    /// <summary>Creates the planners for a client: frameworks, then report plans (which name frameworks by ARN).</summary>
    public static IReadOnlyList<IObjectKindPlanner> For(IBackupClient client) =>
    [
        new FrameworkPlanner(client),
        new ReportPlanPlanner(client),
    ];
}
