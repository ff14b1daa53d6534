using System.Text;

namespace BackupKit.Verification;

/// <summary>
/// What BackupKit knows of each resource type's restore metadata: which key names the restored resource, which keys
/// must be present, how a name must look, and the ARN the restored resource will have.
/// </summary>
internal static class RestoreTargets
{
    /// <summary>The metadata key that names the restored resource, or null when AWS assigns a new id (EBS, EC2, EFS).</summary>
    public static string? NameKey(string resourceType) => resourceType.ToUpperInvariant() switch
    {
        "DYNAMODB" => "targetTableName",
        "RDS" => "DBInstanceIdentifier",
        "AURORA" or "DOCUMENTDB" or "NEPTUNE" => "DBClusterIdentifier",
        "S3" => "DestinationBucketName",
        _ => null,
    };

    /// <summary>The keys AWS needs for a restore of the type to start, beyond the name key.</summary>
    public static IReadOnlyList<string> RequiredKeys(string resourceType) => resourceType.ToUpperInvariant() switch
    {
        "EFS" => ["file-system-id", "newFileSystem"],
        "S3" => ["NewBucket"],
        _ => [],
    };

    /// <summary>The default name of a restored resource: the source's name and the run, shaped to the type's naming rules.</summary>
    public static string DefaultName(string resourceType, string sourceName, string runSuffix)
    {
        var upper = resourceType.ToUpperInvariant();
        return upper switch
        {
            // RDS, Aurora, DocumentDB, Neptune identifiers: letters, digits, hyphens; start with a letter; at most 63; no "--", no trailing hyphen.
            "RDS" or "AURORA" or "DOCUMENTDB" or "NEPTUNE" => Shape(sourceName.ToLowerInvariant(), runSuffix, 63, static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-', requireLetterFirst: true),
            // S3 bucket names: lower-case letters, digits, hyphens and dots, 3 to 63.
            "S3" => Shape(sourceName.ToLowerInvariant(), runSuffix, 63, static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-', requireLetterFirst: false),
            // DynamoDB table names: letters, digits, '_', '-', '.', 3 to 255.
            _ => Shape(sourceName, runSuffix, 255, static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.', requireLetterFirst: false),
        };
    }

    /// <summary>The ARN the restored resource will have, when its name is chosen by the metadata.</summary>
    public static string? TargetArn(string resourceType, string name, string vaultArn)
    {
        // arn:<partition>:backup:<region>:<account>:backup-vault:<name>
        var parts = vaultArn.Split(':');
        if (parts.Length < 6)
        {
            return null;
        }

        var (partition, region, account) = (parts[1], parts[3], parts[4]);
        return resourceType.ToUpperInvariant() switch
        {
            "DYNAMODB" => $"arn:{partition}:dynamodb:{region}:{account}:table/{name}",
            "RDS" => $"arn:{partition}:rds:{region}:{account}:db:{name}",
            "AURORA" or "DOCUMENTDB" or "NEPTUNE" => $"arn:{partition}:rds:{region}:{account}:cluster:{name}",
            "S3" => $"arn:{partition}:s3:::{name}",
            _ => null,
        };
    }

    /// <summary>The resource's name: the last segment of its ARN.</summary>
    public static string ResourceName(string arn)
    {
        var cut = Math.Max(arn.LastIndexOf('/'), arn.LastIndexOf(':'));
        return arn[(cut + 1)..];
    }

    /// <summary>The AWS Backup resource type of an ARN, for resources named by ARN that have no recovery point.</summary>
    public static string TypeOfArn(string arn)
    {
        var parts = arn.Split(':');
        var service = parts.Length > 2 ? parts[2] : string.Empty;
        var resource = parts.Length > 5 ? parts[5] : string.Empty;
        return service switch
        {
            "dynamodb" => "DynamoDB",
            "rds" when resource.StartsWith("cluster", StringComparison.Ordinal) => "Aurora",
            "rds" => "RDS",
            "ec2" when resource.StartsWith("volume", StringComparison.Ordinal) => "EBS",
            "ec2" => "EC2",
            "elasticfilesystem" => "EFS",
            "fsx" => "FSx",
            "s3" => "S3",
            _ => service,
        };
    }

    private static string Shape(string source, string suffix, int maxLength, Func<char, bool> allowed, bool requireLetterFirst)
    {
        var builder = new StringBuilder(source.Length);
        foreach (var c in source)
        {
            var next = allowed(c) ? c : '-';
            if (next == '-' && builder.Length > 0 && builder[^1] == '-')
            {
                continue;
            }

            builder.Append(next);
        }

        if (requireLetterFirst && (builder.Length == 0 || !char.IsAsciiLetter(builder[0])))
        {
            builder.Insert(0, 'r');
        }

        var tail = "-drill-" + suffix;
        var room = maxLength - tail.Length;
        if (builder.Length > room)
        {
            builder.Length = room;
        }

        while (builder.Length > 0 && builder[^1] == '-')
        {
            builder.Length--;
        }

        return builder.Append(tail).ToString();
    }
}
