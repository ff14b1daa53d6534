namespace BackupKit.Local.Operations;

/// <summary>
/// How long backup and restore jobs of inventory resources take in emulated time: a job starts (RUNNING) one minute
/// after it is created and finishes after <c>base(type) + ceil(size in GiB / rate(type))</c> minutes of running.
/// Restores from cold storage take four hours more, as AWS documents. Jobs of resources the inventory does not model
/// keep the fixed ten minutes from creation to completion.
/// </summary>
internal static class JobDurations
{
    private const double BytesPerGiB = 1L << 30;

    /// <summary>The extra time AWS documents for restores from cold storage.</summary>
    public static readonly TimeSpan ColdStorageRestorePenalty = TimeSpan.FromHours(4);

    /// <summary>Minutes of running before any data moves, and GiB moved per minute, by resource type, for backups.</summary>
    private static (double BaseMinutes, double GiBPerMinute) BackupRate(string resourceType) => resourceType switch
    {
        "DynamoDB" => (3, 4),
        "RDS" => (8, 2),
        "Aurora" => (8, 4),
        "EBS" => (4, 2),
        "EC2" => (6, 2),
        "EFS" => (5, 1),
        "FSx" => (10, 2),
        "S3" => (4, 1),
        _ => (5, 2),
    };

    /// <summary>The same for restores (a DynamoDB restore takes at least about twenty minutes whatever its size).</summary>
    private static (double BaseMinutes, double GiBPerMinute) RestoreRate(string resourceType) => resourceType switch
    {
        "DynamoDB" => (20, 2),
        "RDS" => (15, 1),
        "Aurora" => (15, 2),
        "EBS" => (5, 4),
        "EC2" => (10, 2),
        "EFS" => (10, 1),
        "FSx" => (20, 1),
        "S3" => (10, 1),
        _ => (10, 1),
    };

    /// <summary>Creation to completion of a backup job of a modeled resource.</summary>
    public static TimeSpan Backup(string resourceType, long sizeInBytes) => BackupJobEngine.StartDelay + Running(BackupRate(resourceType), sizeInBytes);

    /// <summary>Creation to completion of a restore job of a modeled backup.</summary>
    public static TimeSpan Restore(string resourceType, long sizeInBytes, bool fromColdStorage) =>
        BackupJobEngine.StartDelay + Running(RestoreRate(resourceType), sizeInBytes) + (fromColdStorage ? ColdStorageRestorePenalty : TimeSpan.Zero);

    private static TimeSpan Running((double BaseMinutes, double GiBPerMinute) rate, long sizeInBytes) =>
        TimeSpan.FromMinutes(rate.BaseMinutes + Math.Ceiling(sizeInBytes / BytesPerGiB / rate.GiBPerMinute));
}
