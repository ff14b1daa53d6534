namespace BackupKit.Local.State;

/// <summary>
/// Everything one account holds in one region. Every read and write of the collections happens under
/// <see cref="Gate"/>; records handed out for answers are immutable snapshots or copied under the gate.
/// </summary>
internal sealed class RegionState
{
    private long _sequence;
    private long _idCounter;
    private string? _defaultKeyArn;

    public RegionState(string accountId, string region, EmulatorState? emulator = null)
    {
        AccountId = accountId;
        Region = region;
        Emulator = emulator;
    }

    /// <summary>The emulator this state belongs to, for copy actions into other regions and accounts; null in state-only unit tests.</summary>
    public EmulatorState? Emulator { get; }

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

    /// <summary>
    /// Copies that copy actions of another region's (or this region's) plans sent here, queued without this region's
    /// gate; <c>BackupJobEngine.Advance</c> moves them into <see cref="IncomingCopies"/>.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentQueue<PendingCopy> CopyInbox { get; } = new();

    /// <summary>The emulated resources of this account in this region.</summary>
    public ResourceStore Resources { get; } = new();

    /// <summary>Backup jobs not finished yet, so that catching up does not walk every job ever started.</summary>
    public List<BackupJobRecord> ActiveJobs { get; } = [];

    /// <summary>The continuous recovery point of each (vault, resource), which continuous backup rules keep up to date.</summary>
    public Dictionary<(string VaultName, string ResourceArn), RecoveryPointRecord> ContinuousPoints { get; } = new();

    /// <summary>The ARN of each (vault, resource)'s continuous point, given to its first job and kept while the point lives.</summary>
    public Dictionary<(string VaultName, string ResourceArn), string> ContinuousArns { get; } = new();

    /// <summary>No recovery point moves to cold storage or expires before this time (recomputed when reached; lowered when a point is added).</summary>
    public DateTimeOffset NextLifecycleEventAt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>When finished jobs older than the job history AWS keeps are next dropped.</summary>
    public DateTimeOffset NextJobPruneAt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Records a new backup job (and tracks it until it finishes).</summary>
    public void AddJob(BackupJobRecord job)
    {
        Jobs.Add(job.Id, job);
        ActiveJobs.Add(job);
    }

    /// <summary>Stores a recovery point in a vault and makes sure its lifecycle dates are watched.</summary>
    public void AddRecoveryPoint(VaultRecord vault, RecoveryPointRecord point)
    {
        vault.RecoveryPoints[point.Arn] = point;
        WatchLifecycle(point);
    }

    /// <summary>Makes the next catch-up look at the point's cold-storage and deletion dates.</summary>
    public void WatchLifecycle(RecoveryPointRecord point)
    {
        if (point.MoveToColdStorageAt is { } cold && cold < NextLifecycleEventAt)
        {
            NextLifecycleEventAt = cold;
        }

        if (point.DeleteAt is { } delete && delete < NextLifecycleEventAt)
        {
            NextLifecycleEventAt = delete;
        }
    }

    /// <summary>Legal holds by id.</summary>
    public Dictionary<string, LegalHoldRecord> LegalHolds { get; } = new(StringComparer.Ordinal);

    /// <summary>Restore testing plans by name.</summary>
    public Dictionary<string, RestoreTestingPlanRecord> RestoreTestingPlans { get; } = new(StringComparer.Ordinal);

    /// <summary>Restore tests waiting for a start slot and restored resources waiting for deletion.</summary>
    public RestoreTestingRuntime RestoreTesting { get; } = new();

    /// <summary>Audit Manager frameworks by name.</summary>
    public Dictionary<string, FrameworkRecord> Frameworks { get; } = new(StringComparer.Ordinal);

    /// <summary>Audit Manager report plans by name.</summary>
    public Dictionary<string, ReportPlanRecord> ReportPlans { get; } = new(StringComparer.Ordinal);

    /// <summary>Tiering configurations by name.</summary>
    public Dictionary<string, TieringConfigurationRecord> TieringConfigurations { get; } = new(StringComparer.Ordinal);

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
    public string DefaultKeyArn => _defaultKeyArn ??= $"arn:aws:kms:{Region}:{AccountId}:key/{NewGuid():D}";

    /// <summary>Resource-type opt-in and management preferences (UpdateRegionSettings).</summary>
    public RegionSettings Settings { get; } = new();

    /// <summary>Continuous backups handed back to their source service (DisassociateRecoveryPoint): AWS Backup no longer keeps a continuous point for them.</summary>
    public HashSet<(string VaultName, string ResourceArn)> DisassociatedContinuous { get; } = [];

    /// <summary>
    /// A new random-looking id: a hash of the emulator's id seed, this account and Region, and a counter, so that the
    /// same requests replayed in the same order give the same ids (ids are only made under the gate or while the
    /// journal serializes requests).
    /// </summary>
    public Guid NewGuid()
    {
        var seed = Emulator?.IdSeed;
        if (seed is null)
        {
            return Guid.NewGuid();
        }

        var counter = Interlocked.Increment(ref _idCounter);
        var text = System.Text.Encoding.UTF8.GetBytes($"{AccountId}/{Region}/{counter}");
        var input = new byte[seed.Length + text.Length];
        seed.CopyTo(input, 0);
        text.CopyTo(input, seed.Length);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(input, hash);
        // Version 4 and RFC 4122 variant bits, so the id looks like any random UUID.
        hash[7] = (byte)((hash[7] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }

    /// <summary>A number that grows with every created record; lists are ordered by it and page tokens point into it.</summary>
    public long NextSequence() => ++_sequence;

    public string PlanArn(string planId) => $"arn:aws:backup:{Region}:{AccountId}:backup-plan:{planId}";

    public string VaultArn(string vaultName) => $"arn:aws:backup:{Region}:{AccountId}:backup-vault:{vaultName}";
}
