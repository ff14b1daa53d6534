using BackupKit.Model;

namespace BackupKit.Reconcile;

/// <summary>
/// A reviewed change plan, as data: the changes <see cref="PostureApplier.ApplyAsync(PosturePlan, CancellationToken)"/>
/// makes, in the order it makes them (vaults, then vault locks, policies and notifications, then plans, then
/// selections, then deletions), each with the live state it was computed from (<see cref="PostureChange.Basis"/>) and
/// the requests it sends (<see cref="PostureChange.Requests"/>). Applying it applies exactly these changes, and refuses
/// when live state moved since it was read. <see cref="ToString"/> renders it for a person to read before applying.
/// </summary>
public sealed class PosturePlan
{
    internal PosturePlan(IReadOnlyList<PostureChange> changes) => Changes = changes;

    internal PosturePlan(
        IReadOnlyList<PlannedStep> steps,
        Model.BackupPosture posture,
        PostureApplyOptions options,
        LiveState live,
        IReadOnlyDictionary<string, string> liveBasis,
        Wire.IBackupClient client)
        : this([.. steps.Select(s => s.Change)])
    {
        Steps = steps;
        Posture = posture;
        Options = options;
        Live = live;
        LiveBasis = liveBasis;
        Client = client;
        ReadAt = live.ServiceNow;
    }

    /// <summary>Gets every object considered, unchanged ones included, in apply order.</summary>
    public IReadOnlyList<PostureChange> Changes { get; }

    /// <summary>Gets when live state was read, by the service's clock when the client tells it.</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>Gets a value indicating whether applying would write anything to AWS.</summary>
    public bool HasChanges => Changes.Any(c => c.IsWrite);

    /// <summary>Gets a value indicating whether some differences cannot be applied (see <see cref="ChangeAction.Blocked"/>); applying then fails before writing anything.</summary>
    public bool IsBlocked => Changes.Any(c => c.Action == ChangeAction.Blocked);

    /// <summary>
    /// Gets the irreversible or destructive changes that are applied only with the caller's consent, each by the key to
    /// put in <see cref="PostureApplyOptions.AcknowledgedChanges"/>.
    /// </summary>
    public IReadOnlyList<ConsentRequirement> ConsentRequired => [.. Changes.Where(c => c.IsWrite && c.Consent is not null).Select(c => c.Consent!)];

    /// <summary>Gets the warnings to read before applying: irreversible steps, replacements, blocked changes.</summary>
    public IReadOnlyList<string> Warnings => [.. Changes.Where(c => c.Warning is not null).Select(c => $"{ChangeFormatter.Describe(c)}: {c.Warning}")];

    internal IReadOnlyList<PlannedStep> Steps { get; } = [];

    internal Model.BackupPosture? Posture { get; }

    internal PostureApplyOptions? Options { get; }

    internal LiveState? Live { get; }

    internal IReadOnlyDictionary<string, string> LiveBasis { get; } = new Dictionary<string, string>();

    internal Wire.IBackupClient? Client { get; }

    /// <summary>Renders the plan: a summary line, one line per object (<c>+</c> create, <c>~</c> update, <c>-/+</c> replace, <c>-</c> delete, <c>=</c> unchanged, <c>?</c> undeclared, <c>x</c> blocked; <c>[consent]</c> marks a change that needs consent) with the differing properties, then the changes that need consent, then the warnings.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ChangeFormatter.FormatPlan(this);
}

/// <summary>What <see cref="PostureApplier.ApplyAsync(BackupPosture, CancellationToken)"/> did. <see cref="ToString"/> renders it for a person to read.</summary>
public sealed class PostureApplyResult
{
    internal PostureApplyResult(IReadOnlyList<PostureChange> changes) => Changes = changes;

    /// <summary>Gets every object considered, in the order they were applied; the action says what was done.</summary>
    public IReadOnlyList<PostureChange> Changes { get; }

    /// <summary>Gets the objects created.</summary>
    public IReadOnlyList<PostureChange> Created => Of(ChangeAction.Create);

    /// <summary>Gets the objects updated in place.</summary>
    public IReadOnlyList<PostureChange> Updated => Of(ChangeAction.Update);

    /// <summary>Gets the objects deleted and re-created.</summary>
    public IReadOnlyList<PostureChange> Replaced => Of(ChangeAction.Replace);

    /// <summary>Gets the objects deleted.</summary>
    public IReadOnlyList<PostureChange> Deleted => Of(ChangeAction.Delete);

    /// <summary>Gets the objects that already matched the declaration.</summary>
    public IReadOnlyList<PostureChange> Unchanged => Of(ChangeAction.Unchanged);

    /// <summary>Gets the undeclared objects left alone.</summary>
    public IReadOnlyList<PostureChange> LeftAlone => Of(ChangeAction.Undeclared);

    /// <summary>Gets a value indicating whether anything was written to AWS.</summary>
    public bool HasChanges => Changes.Any(c => c.IsWrite);

    /// <summary>Renders the result: a summary line (or "No changes") and one line per object.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ChangeFormatter.FormatResult(this);

    private PostureChange[] Of(ChangeAction action) => [.. Changes.Where(c => c.Action == action)];
}

/// <summary>The differences between a declared posture and live AWS state, found without changing anything.</summary>
public sealed class PostureDriftReport
{
    internal PostureDriftReport(IReadOnlyList<PostureChange> drift) => Drift = drift;

    /// <summary>Gets the objects that differ: missing (<see cref="ChangeAction.Create"/>), changed (<see cref="ChangeAction.Update"/>, <see cref="ChangeAction.Replace"/>, <see cref="ChangeAction.Blocked"/>) or undeclared.</summary>
    public IReadOnlyList<PostureChange> Drift { get; }

    /// <summary>Gets a value indicating whether live state differs from the declaration.</summary>
    public bool HasDrift => Drift.Count > 0;

    /// <summary>Renders the report: "No drift", or one line per drifted object with the differing properties (<c>declared</c> vs <c>live</c>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ChangeFormatter.FormatDrift(this);
}

/// <summary>
/// Applying a posture failed part-way. Nothing is rolled back: <see cref="Completed"/> lists what was applied before
/// <see cref="Failed"/> failed, and <see cref="Exception.InnerException"/> is the cause. Fix the cause and apply again:
/// applying is idempotent and continues from the live state.
/// </summary>
public class PostureApplyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="completed">The changes applied before the failure.</param>
    /// <param name="failed">The change that failed, or <see langword="null"/> when the apply was refused before writing.</param>
    /// <param name="notAttempted">The changes not attempted.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public PostureApplyException(
        IReadOnlyList<PostureChange> completed,
        PostureChange? failed,
        IReadOnlyList<PostureChange> notAttempted,
        string message,
        Exception? innerException)
        : base(message, innerException)
    {
        Completed = completed;
        Failed = failed;
        NotAttempted = notAttempted;
    }

    /// <summary>Gets the changes that were applied before the failure.</summary>
    public IReadOnlyList<PostureChange> Completed { get; }

    /// <summary>Gets the change that failed, or <see langword="null"/> when the apply was refused before writing anything.</summary>
    public PostureChange? Failed { get; }

    /// <summary>Gets the changes that were not attempted.</summary>
    public IReadOnlyList<PostureChange> NotAttempted { get; }
}

/// <summary>
/// Live state moved under the apply: a reviewed plan no longer matches what AWS holds, or another writer changed an
/// object while this apply was writing. <see cref="Objects"/> names each moved object and how. Read (plan) again and apply.
/// </summary>
public sealed class PostureConflictException : PostureApplyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="objects">The objects that moved, each with what changed.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public PostureConflictException(IReadOnlyList<string> objects, string message, Exception? innerException = null)
        : this(objects, [], null, [], message, innerException)
    {
    }

    /// <summary>Creates the exception with the progress of the apply.</summary>
    /// <param name="objects">The objects that moved, each with what changed.</param>
    /// <param name="completed">The changes applied before the conflict was found.</param>
    /// <param name="failed">The change that found the conflict, or <see langword="null"/> when nothing was written.</param>
    /// <param name="notAttempted">The changes not attempted.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public PostureConflictException(
        IReadOnlyList<string> objects,
        IReadOnlyList<PostureChange> completed,
        PostureChange? failed,
        IReadOnlyList<PostureChange> notAttempted,
        string message,
        Exception? innerException)
        : base(completed, failed, notAttempted, message, innerException) => Objects = objects;

    /// <summary>Gets the objects that moved, each with what changed.</summary>
    public IReadOnlyList<string> Objects { get; }
}

/// <summary>
/// The apply contains irreversible or destructive changes the caller did not acknowledge; nothing was written.
/// Add each key of <see cref="Required"/> to <see cref="PostureApplyOptions.AcknowledgedChanges"/> to consent.
/// </summary>
public sealed class PostureConsentRequiredException : PostureApplyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="required">The changes that need consent.</param>
    /// <param name="notAttempted">The changes not attempted (all writes).</param>
    /// <param name="message">The message.</param>
    public PostureConsentRequiredException(IReadOnlyList<ConsentRequirement> required, IReadOnlyList<PostureChange> notAttempted, string message)
        : base([], null, notAttempted, message, null) => Required = required;

    /// <summary>Gets the changes that need consent.</summary>
    public IReadOnlyList<ConsentRequirement> Required { get; }
}
