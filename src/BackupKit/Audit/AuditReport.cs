using BackupKit.Model;

namespace BackupKit.Audit;

/// <summary>The verdict of a control on an object, or of the whole control.</summary>
public enum ComplianceStatus
{
    /// <summary>Every evaluated object satisfies the control.</summary>
    Compliant,

    /// <summary>At least one object fails the control.</summary>
    NonCompliant,

    /// <summary>The control cannot be evaluated from what the audit sees (e.g. restore time offline); the reason says why.</summary>
    NotEvaluated,
}

/// <summary>One object that fails a control (or could not be evaluated), with the reason.</summary>
public sealed record AuditFinding
{
    /// <summary>Gets the framework name.</summary>
    public required string Framework { get; init; }

    /// <summary>Gets the control name.</summary>
    public required string Control { get; init; }

    /// <summary>Gets what kind of object failed: <c>plan</c>, <c>vault</c>, <c>resource</c> or <c>recoveryPoint</c>.</summary>
    public required string ObjectKind { get; init; }

    /// <summary>Gets the object: a plan or vault name, or a resource or recovery point ARN.</summary>
    public required string ObjectId { get; init; }

    /// <summary>Gets the status (never <see cref="ComplianceStatus.Compliant"/>).</summary>
    public ComplianceStatus Status { get; init; } = ComplianceStatus.NonCompliant;

    /// <summary>Gets why, in one sentence.</summary>
    public required string Reason { get; init; }

    /// <summary>Returns the finding as one line.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => $"{Control} [{Framework}] {ObjectKind} {ObjectId}: {Reason}";
}

/// <summary>The verdict of one control of one framework.</summary>
/// <param name="Framework">The framework name.</param>
/// <param name="Control">The control with its parameters and scope.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Evaluated">How many objects were evaluated.</param>
/// <param name="Findings">The failing (or not evaluated) objects.</param>
public sealed record ControlVerdict(string Framework, AuditControl Control, ComplianceStatus Status, int Evaluated, IReadOnlyList<AuditFinding> Findings);

/// <summary>The compliance of one resource: which plans protect it and which controls it fails.</summary>
/// <param name="Arn">The resource ARN.</param>
/// <param name="ResourceType">The AWS Backup resource type, when known.</param>
/// <param name="ProtectedBy">The plans whose selections assign it.</param>
/// <param name="Status">Compliant when protected and no control fails for it.</param>
/// <param name="FailedControls">The controls it fails, as <c>framework/CONTROL</c>.</param>
/// <param name="LastRecoveryPointAt">The creation time of its newest recovery point (live only).</param>
public sealed record ResourceVerdict(
    string Arn,
    string? ResourceType,
    IReadOnlyList<string> ProtectedBy,
    ComplianceStatus Status,
    IReadOnlyList<string> FailedControls,
    DateTimeOffset? LastRecoveryPointAt = null);

/// <summary>An object whose declared and live states differ in a way that changes a control's verdict.</summary>
/// <param name="Framework">The framework.</param>
/// <param name="Control">The control.</param>
/// <param name="OfflineStatus">The verdict on the declared posture.</param>
/// <param name="LiveStatus">The verdict on the account.</param>
/// <param name="DriftedObjects">The objects that differ, e.g. <c>plan prod</c>, with what changed.</param>
public sealed record VerdictDifference(string Framework, string Control, ComplianceStatus OfflineStatus, ComplianceStatus LiveStatus, IReadOnlyList<string> DriftedObjects);

/// <summary>
/// The result of an audit: the verdict of every control of every framework, the compliance of every resource, and the
/// calls it made. Render with <see cref="AuditReportFormats"/> (JSON, Markdown, JUnit XML); <see cref="ExitCode"/> is what a CI job returns.
/// </summary>
public sealed record AuditReport
{
    /// <summary>Gets where the verdicts come from: <c>offline</c> (the posture model) or <c>live</c> (an account).</summary>
    public required string Source { get; init; }

    /// <summary>Gets when the audit ran (the clock it was given).</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>Gets the verdict of every control, in framework and declaration order.</summary>
    public required IReadOnlyList<ControlVerdict> Controls { get; init; }

    /// <summary>Gets the compliance of every resource the audit saw (the inventory, or the account's protected resources).</summary>
    public IReadOnlyList<ResourceVerdict> Resources { get; init; } = [];

    /// <summary>Gets findings outside any control: stale restore verification, unreadable objects.</summary>
    public IReadOnlyList<AuditFinding> Observations { get; init; } = [];

    /// <summary>Gets the AWS Backup API calls a live audit made (0 offline).</summary>
    public int ApiCalls { get; init; }

    /// <summary>Gets the calls per operation (live).</summary>
    public IReadOnlyDictionary<string, int> ApiCallsByOperation { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Gets, for a live audit, the controls whose live verdict differs from the offline verdict of the declared
    /// posture, with the objects that drifted (empty offline, and when both agree).
    /// </summary>
    public IReadOnlyList<VerdictDifference> Drift { get; init; } = [];

    /// <summary>Gets every failing finding of every control.</summary>
    public IEnumerable<AuditFinding> Findings => Controls.SelectMany(c => c.Findings).Where(f => f.Status == ComplianceStatus.NonCompliant);

    /// <summary>Gets whether every evaluated control is compliant and every resource is protected.</summary>
    public bool IsCompliant => Controls.All(c => c.Status != ComplianceStatus.NonCompliant) && Resources.All(r => r.Status != ComplianceStatus.NonCompliant);

    /// <summary>Gets the exit code for CI: 0 compliant, 1 a control fails, 2 compliant but stale verification was observed.</summary>
    public int ExitCode => !IsCompliant ? 1 : Observations.Any(o => o.Status == ComplianceStatus.NonCompliant) ? 2 : 0;

    /// <summary>Finds the verdict of a control.</summary>
    /// <param name="framework">The framework name.</param>
    /// <param name="controlName">The control name.</param>
    /// <returns>The verdict, or <see langword="null"/> when the framework does not declare the control.</returns>
    public ControlVerdict? Find(string framework, string controlName) =>
        Controls.FirstOrDefault(c => c.Framework == framework && c.Control.Name == controlName);

    /// <summary>Returns a short summary: counts and the failing findings.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => AuditReportFormats.ToText(this);
}
