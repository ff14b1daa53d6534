namespace BackupKit.Local.State;

/// <summary>
/// Everything one account holds in one region. Every read and write of the collections happens under
/// <see cref="Gate"/>; records handed out for answers are immutable snapshots or copied under the gate.
/// </summary>
internal sealed class RegionState
{
    private long _sequence;
    private string? _defaultKeyArn;

    public RegionState(string accountId, string region)
    {
        AccountId = accountId;
        Region = region;
    }

    public string AccountId { get; }

    public string Region { get; }

    public object Gate { get; } = new();

    /// <summary>Backup plans by id, deleted ones included (AWS keeps them listable with <c>IncludeDeleted</c>).</summary>
    public Dictionary<string, PlanRecord> Plans { get; } = new(StringComparer.Ordinal);

    /// <summary>Backup vaults by name.</summary>
    public Dictionary<string, VaultRecord> Vaults { get; } = new(StringComparer.Ordinal);

    /// <summary>Backup jobs by id.</summary>
    public Dictionary<string, BackupJobRecord> Jobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Restore jobs by id.</summary>
    public Dictionary<string, RestoreJobRecord> RestoreJobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Copy jobs started in this region, by id.</summary>
    public Dictionary<string, CopyJobRecord> CopyJobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Copies on their way into this region's vaults (from this or another region or account).</summary>
    public List<PendingCopy> IncomingCopies { get; } = [];

    /// <summary>Legal holds by id.</summary>
    public Dictionary<string, LegalHoldRecord> LegalHolds { get; } = new(StringComparer.Ordinal);

    /// <summary>Restore testing plans by name.</summary>
    public Dictionary<string, RestoreTestingPlanRecord> RestoreTestingPlans { get; } = new(StringComparer.Ordinal);

    /// <summary>Audit Manager frameworks by name.</summary>
    public Dictionary<string, FrameworkRecord> Frameworks { get; } = new(StringComparer.Ordinal);

    /// <summary>Audit Manager report plans by name.</summary>
    public Dictionary<string, ReportPlanRecord> ReportPlans { get; } = new(StringComparer.Ordinal);

    /// <summary>Audit Manager report jobs by id.</summary>
    public Dictionary<string, ReportJobRecord> ReportJobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether an active legal hold holds the recovery point.</summary>
    public bool IsUnderLegalHold(string recoveryPointArn)
    {
        foreach (var hold in LegalHolds.Values)
        {
            if (hold.IsActive && hold.HeldRecoveryPoints.Contains(recoveryPointArn))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The ARN of the key AWS Backup encrypts vaults with when the caller names none (the account's <c>aws/backup</c> key).</summary>
    public string DefaultKeyArn => _defaultKeyArn ??= $"arn:aws:kms:{Region}:{AccountId}:key/{Guid.NewGuid():D}";

    /// <summary>A number that grows with every created record; lists are ordered by it and page tokens point into it.</summary>
    public long NextSequence() => ++_sequence;

    public string PlanArn(string planId) => $"arn:aws:backup:{Region}:{AccountId}:backup-plan:{planId}";

    public string VaultArn(string vaultName) => $"arn:aws:backup:{Region}:{AccountId}:backup-vault:{vaultName}";
}
