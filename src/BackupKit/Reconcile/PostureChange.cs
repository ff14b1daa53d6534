namespace BackupKit.Reconcile;

/// <summary>What reconciling does (or did) to one object.</summary>
public enum ChangeAction
{
    /// <summary>Live state already equals the declaration; nothing to do.</summary>
    Unchanged,

    /// <summary>Declared but absent: it is created.</summary>
    Create,

    /// <summary>Present but different: it is changed in place.</summary>
    Update,

    /// <summary>Present but different, and AWS cannot change it in place (backup selections): it is deleted, then created.</summary>
    Replace,

    /// <summary>Present but not declared, and the caller opted in to deletions: it is deleted.</summary>
    Delete,

    /// <summary>Present but not declared; left alone because deletions were not opted in to (see <see cref="PostureApplyOptions"/>).</summary>
    Undeclared,

    /// <summary>Present but different in a way AWS does not allow to change (a vault's encryption key, an immutable compliance lock); nothing is applied until it is resolved.</summary>
    Blocked,
}

/// <summary>The kind of AWS Backup object a change is about.</summary>
public enum PostureObjectKind
{
    /// <summary>A backup vault (name, encryption key, tags).</summary>
    Vault,

    /// <summary>A vault's Vault Lock configuration.</summary>
    VaultLock,

    /// <summary>A vault's access policy.</summary>
    VaultAccessPolicy,

    /// <summary>A vault's SNS notifications.</summary>
    VaultNotifications,

    /// <summary>A backup plan (rules, advanced settings, tags).</summary>
    Plan,

    /// <summary>A backup selection of a plan.</summary>
    Selection,

    /// <summary>A restore testing plan (schedule, recovery point selection, tags).</summary>
    RestoreTestingPlan,

    /// <summary>A restore testing selection of a restore testing plan.</summary>
    RestoreTestingSelection,

    /// <summary>An AWS Backup Audit Manager framework (description, controls, tags).</summary>
    Framework,

    /// <summary>An AWS Backup Audit Manager report plan (template, frameworks, delivery, tags).</summary>
    ReportPlan,
}

/// <summary>One property that differs between the declaration and AWS.</summary>
/// <param name="Property">The property path, e.g. <c>rules[daily].lifecycle</c>.</param>
/// <param name="Declared">The declared value as text, or <see langword="null"/> when not declared.</param>
/// <param name="Live">The live value as text, or <see langword="null"/> when absent in AWS.</param>
public sealed record PropertyDifference(string Property, string? Declared, string? Live)
{
    /// <summary>Returns the difference as <c>property: live -&gt; declared</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Property}: {Live ?? "(none)"} -> {Declared ?? "(none)"}";
}

/// <summary>A planned, applied or detected change to one object.</summary>
public sealed record PostureChange
{
    /// <summary>Gets what kind of object this is.</summary>
    public required PostureObjectKind Kind { get; init; }

    /// <summary>Gets the object's name: the vault or plan name, or <c>plan/selection</c> for a selection (backup or restore testing).</summary>
    public required string Name { get; init; }

    /// <summary>Gets what is (or was) done.</summary>
    public required ChangeAction Action { get; init; }

    /// <summary>Gets the properties that differ (empty for creates, deletes and unchanged objects).</summary>
    public IReadOnlyList<PropertyDifference> Differences { get; init; } = [];

    /// <summary>Gets a short description of the declared object, e.g. <c>governance, min 7 days, max 365 days</c>, or <see langword="null"/>.</summary>
    public string? Summary { get; init; }

    /// <summary>Gets a warning a person must read before applying (an irreversible step, a replacement, a blocked change), or <see langword="null"/>.</summary>
    public string? Warning { get; init; }

    /// <summary>Gets the ARN of the object in AWS when known (live, or created by the apply).</summary>
    public string? Arn { get; init; }

    /// <summary>
    /// Gets the live state the change was computed from, as compared text (for example <c>plan 1234 version abcd</c>,
    /// <c>selection ids [..]</c>, a lock's mode, bounds and lock date, a normalised policy), or <see langword="null"/>
    /// when the object did not exist. <see cref="PostureApplier.ApplyAsync(PosturePlan, CancellationToken)"/> refuses
    /// a plan when this is no longer what AWS holds.
    /// </summary>
    public string? Basis { get; init; }

    /// <summary>
    /// Gets the requests applying this change sends, in order. Members only the apply itself can know (the id of a plan
    /// it creates, the account learned from the first ARN AWS returns) read <c>{plan-id:NAME}</c> and <c>{account}</c>.
    /// </summary>
    public IReadOnlyList<PlannedRequest> Requests { get; init; } = [];

    /// <summary>
    /// Gets what the caller must acknowledge before this change is applied (an irreversible or destructive change), or
    /// <see langword="null"/> when none is needed. See <see cref="PostureApplyOptions.AcknowledgedChanges"/>.
    /// </summary>
    public ConsentRequirement? Consent { get; init; }

    /// <summary>Gets a value indicating whether applying this change writes to AWS.</summary>
    public bool IsWrite => Action is ChangeAction.Create or ChangeAction.Update or ChangeAction.Replace or ChangeAction.Delete;

    /// <summary>Returns the change as one or more lines, e.g. <c>+ vault primary</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ChangeFormatter.FormatChange(this, past: false);
}

/// <summary>One request a planned change sends to AWS Backup.</summary>
/// <param name="Operation">The operation name as in the AWS Backup model, for example <c>UpdateBackupPlan</c>.</param>
/// <param name="Input">The request, a <c>BackupKit.Wire</c> input shape.</param>
public sealed record PlannedRequest(string Operation, object Input)
{
    /// <summary>Returns the operation name.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Operation;
}

/// <summary>
/// An irreversible or destructive change that is applied only when the caller acknowledges it by its exact
/// <see cref="Key"/> (see <see cref="PostureApplyOptions.AcknowledgedChanges"/>).
/// </summary>
/// <param name="Key">The text to acknowledge; it names the object and the exact change, so it acknowledges nothing else.</param>
/// <param name="Reason">Why the change needs consent.</param>
public sealed record ConsentRequirement(string Key, string Reason);
