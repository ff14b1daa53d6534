using BackupKit.Model;

namespace BackupKit.Audit;

/// <summary>Options of an audit.</summary>
public sealed record AuditOptions
{
    /// <summary>Gets whether <c>BACKUP_RECOVERY_POINT_ENCRYPTED</c> also requires a customer-managed KMS key (AWS requires only encryption). Default false.</summary>
    public bool RequireCustomerManagedKeys { get; init; }

    /// <summary>Gets how long after a recovery point is created its cross-Region or cross-account copy must exist (live). Default 24 hours.</summary>
    public TimeSpan CopyGracePeriod { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Gets the age after which the last successful restore of a resource counts as stale verification (live). Default 35 days.</summary>
    public TimeSpan MaxVerificationAge { get; init; } = TimeSpan.FromDays(35);
}

/// <summary>
/// Audits a posture before deployment: every control of its frameworks against its own plans and vaults, and, given
/// an inventory, which resources no selection protects and which are protected by a plan failing a control.
/// </summary>
public static class PostureAudit
{
    /// <summary>Evaluates every control of the posture's frameworks against the posture model.</summary>
    /// <param name="posture">The posture: its frameworks and the plans and vaults they judge.</param>
    /// <param name="inventory">The resources to check coverage for (ARNs and tags), or <see langword="null"/>.</param>
    /// <param name="options">Audit options, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock of <see cref="AuditReport.EvaluatedAt"/>; the system clock when <see langword="null"/>.</param>
    /// <returns>The report; controls that need a live account (restore time) are <see cref="ComplianceStatus.NotEvaluated"/>.</returns>
    public static AuditReport Evaluate(BackupPosture posture, IEnumerable<InventoryResource>? inventory = null, AuditOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(posture);
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        var (controls, resources) = ControlEvaluator.Evaluate(new EvaluationInput(posture, posture, inventory?.ToList(), null, options ?? new AuditOptions(), now));
        return new AuditReport { Source = "offline", EvaluatedAt = now, Controls = controls, Resources = resources };
    }
}
