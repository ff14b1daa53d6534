using BackupKit.Model;

namespace BackupKit.Reconcile;

/// <summary>
/// The extension point of <see cref="ChangePlanner"/> for object kinds beyond vaults, plans, selections and restore
/// testing (for example audit frameworks and report plans). A kind planner reads its live state into
/// <see cref="LiveState.Extensions"/> under its <see cref="Name"/>, plans its changes without calling AWS (the steps'
/// closures make the calls when executed), and names the compared text of every live object it read, so that applying a
/// reviewed plan refuses when one of them moved. Its steps run after restore testing and before deletions of built-in kinds.
/// </summary>
internal interface IObjectKindPlanner
{
    /// <summary>Gets the key of this planner's live state in <see cref="LiveState.Extensions"/>.</summary>
    string Name { get; }

    /// <summary>Reads the live state this planner compares with (read-only calls only).</summary>
    Task ReadAsync(BackupPosture posture, PostureApplyOptions options, LiveState state, CancellationToken cancellationToken);

    /// <summary>Plans the steps for this kind, in apply order, with <see cref="PostureChange.Basis"/>, requests and consent set.</summary>
    IEnumerable<PlannedStep> Plan(BackupPosture posture, LiveState live, PostureApplyOptions options);

    /// <summary>The compared text of each live object this planner read, by display name.</summary>
    IEnumerable<KeyValuePair<string, string>> Basis(LiveState live);
}
