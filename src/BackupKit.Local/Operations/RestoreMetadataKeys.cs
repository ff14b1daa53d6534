using System.Globalization;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;

namespace BackupKit.Local.Operations;

/// <summary>
/// The restore metadata AWS Backup uses per resource type: what GetRecoveryPointRestoreMetadata answers (the
/// configuration of the resource when it was backed up, under the keys StartRestoreJob takes for that type), the key
/// that names the restored resource, and the point-in-time keys of continuous recovery points (<c>RestoreTime</c> as an
/// ISO-8601 instant, or <c>UseLatestRestorableTime</c> = <c>true</c>).
/// </summary>
internal static class RestoreMetadataKeys
{
    public const string RestoreTime = "RestoreTime";
    public const string UseLatestRestorableTime = "UseLatestRestorableTime";
    private const double BytesPerGiB = 1L << 30;

    /// <summary>The metadata of a recovery point as GetRecoveryPointRestoreMetadata answers it.</summary>
    public static Dictionary<string, string> Of(RecoveryPointRecord point, string region)
    {
        var name = Inventory.ResourceArns.NameOf(point.ResourceArn);
        var gib = Math.Max(1, (long)Math.Ceiling((point.SourceSizeInBytes ?? point.BackupSizeInBytes) / BytesPerGiB)).ToString(CultureInfo.InvariantCulture);
        var metadata = point.ResourceType switch
        {
            "DynamoDB" => new Dictionary<string, string> { ["targetTableName"] = name, ["encryptionType"] = "Default" },
            "RDS" => new() { ["DBInstanceIdentifier"] = name, ["Engine"] = "postgres", ["DBInstanceClass"] = "db.t3.medium", ["MultiAZ"] = "false", ["AllocatedStorage"] = gib, ["Port"] = "5432" },
            "Aurora" => new() { ["DBClusterIdentifier"] = name, ["Engine"] = "aurora-postgresql", ["Port"] = "5432" },
            "EBS" => new() { ["volumeId"] = name, ["volumeSize"] = gib, ["volumeType"] = "gp3", ["availabilityZone"] = region + "a", ["encrypted"] = "true" },
            "EC2" => new() { ["InstanceId"] = name, ["InstanceType"] = "t3.micro", ["Placement"] = $"{{\"AvailabilityZone\":\"{region}a\"}}" },
            "EFS" => new() { ["file-system-id"] = name, ["Encrypted"] = "true", ["PerformanceMode"] = "generalPurpose", ["newFileSystem"] = "true", ["CreationToken"] = StableId(point.Arn).ToString("D") },
            "FSx" => new() { ["FileSystemId"] = name, ["StorageCapacity"] = gib },
            "S3" => new() { ["DestinationBucketName"] = name, ["NewBucket"] = "false", ["EncryptionType"] = "SSE-S3" },
            _ => new() { ["resourceId"] = name },
        };
        return metadata;
    }

    /// <summary>An id derived from a text: the same for the same text, so reads never consume the Region's id source.</summary>
    public static Guid StableId(string? text) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text ?? string.Empty)).AsSpan(0, 16));

    /// <summary>The prefix AWS Backup gives the names of the resources restore testing restores.</summary>
    public const string RestoreTestNamePrefix = "awsbackup-restore-test-";

    /// <summary>
    /// The metadata restore testing infers for a restore of the point (GetRestoreTestingInferredMetadata, and what a
    /// scheduled restore test starts with before the selection's overrides), with the keys and values AWS documents per
    /// type: a new name starting with <c>awsbackup-restore-test-</c> where the type is restored under a name, deletion
    /// protection off, encryption on, the backed-up instance type or engine. FSx gets no complete set (as on AWS): a
    /// selection gives the rest in RestoreMetadataOverrides.
    /// </summary>
    /// <param name="point">The recovery point to restore.</param>
    /// <param name="region">Its Region.</param>
    /// <param name="id">Names the new resource and picks its zone: from the Region's id source for a scheduled run, so a
    /// replayed journal gives the same names; any new id for a read, which changes no state.</param>
    public static Dictionary<string, string> Inferred(RecoveryPointRecord point, string region, Guid id)
    {
        var backedUp = Of(point, region);
        var name = RestoreTestNamePrefix + id.ToString("N")[..12];
        var zone = region + "abc"[id.ToByteArray()[15] % 3];
        Dictionary<string, string> inferred = point.ResourceType switch
        {
            "DynamoDB" => new() { ["deletionProtection"] = "false", ["encryptionType"] = "Default", ["targetTableName"] = name },
            "EBS" => new() { ["availabilityZone"] = zone, ["encrypted"] = "true" },
            "EC2" => new() { ["disableApiTermination"] = "false", ["instanceType"] = backedUp["InstanceType"], ["requireImdsV2"] = "true" },
            "EFS" => new() { ["encrypted"] = "true", ["file-system-id"] = backedUp["file-system-id"], ["kmsKeyId"] = "alias/aws/elasticfilesystem", ["newFileSystem"] = "true", ["performanceMode"] = "generalPurpose" },
            "FSx" => new() { ["FileSystemId"] = backedUp["FileSystemId"] },
            "Aurora" or "DocumentDB" or "Neptune" => new()
            {
                ["availabilityZones"] = $"[\"{region}a\",\"{region}b\",\"{region}c\"]",
                ["DBClusterIdentifier"] = name,
                ["engine"] = backedUp.TryGetValue("Engine", out var engine) ? engine : "aurora-postgresql",
            },
            "RDS" => new() { ["availabilityZone"] = zone, ["DBInstanceIdentifier"] = name, ["deletionProtection"] = "false", ["multiAZ"] = "false", ["publiclyAccessible"] = "false" },
            "S3" => new() { ["DestinationBucketName"] = name, ["Encrypted"] = "true", ["EncryptionType"] = "SSE-S3", ["NewBucket"] = "true" },
            _ => new() { ["resourceId"] = name },
        };
        return inferred;
    }

    /// <summary>
    /// The moment a restore of the point goes back to: for a continuous point the RestoreTime given (which must lie in
    /// its restore window) or its latest restorable time; null for a snapshot.
    /// </summary>
    public static DateTimeOffset? PointInTime(RecoveryPointRecord point, Dictionary<string, string> metadata, DateTimeOffset now)
    {
        var hasTime = TryGet(metadata, RestoreTime, out var text);
        var useLatest = TryGet(metadata, UseLatestRestorableTime, out var latest) && string.Equals(latest, "true", StringComparison.OrdinalIgnoreCase);
        if (!point.IsContinuous)
        {
            if (hasTime || useLatest)
            {
                throw BackupApiError.InvalidParameter($"Recovery point {point.Arn} is a snapshot; {RestoreTime} and {UseLatestRestorableTime} apply to continuous recovery points only.");
            }

            return null;
        }

        if (hasTime && useLatest)
        {
            throw BackupApiError.InvalidParameter($"Give either {RestoreTime} or {UseLatestRestorableTime}=true, not both.");
        }

        var earliest = ContinuousBackup.EarliestRestorableTime(point, now);
        var latestTime = ContinuousBackup.LatestRestorableTime(now);
        if (!hasTime)
        {
            return latestTime;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            throw BackupApiError.InvalidParameter($"{RestoreTime} '{text}' is not an ISO-8601 date and time, for example 2026-03-02T10:15:00Z.");
        }

        if (at < earliest || at > latestTime)
        {
            throw BackupApiError.InvalidParameter(
                $"{RestoreTime} {at:O} is outside the restorable window of {point.Arn}: from {earliest:O} to {latestTime:O}.");
        }

        return at;
    }

    private static bool TryGet(Dictionary<string, string> metadata, string key, out string value)
    {
        // The SDK examples write these keys in PascalCase; some tools send camelCase.
        if (metadata.TryGetValue(key, out value!) || metadata.TryGetValue(char.ToLowerInvariant(key[0]) + key[1..], out value!))
        {
            return true;
        }

        value = string.Empty;
        return false;
    }
}
