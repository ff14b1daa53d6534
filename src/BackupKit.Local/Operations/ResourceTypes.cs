using BackupKit.Local.Protocol;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// What AWS Backup knows about a protected resource from its ARN: the resource type name the API reports, and the ARN
/// form its recovery points take (AWS Backup's own for fully managed types, the source service's otherwise).
/// </summary>
internal static class ResourceTypes
{
    /// <summary>The resource types AWS Backup supports, as GetSupportedResourceTypes lists them.</summary>
    public static readonly IReadOnlyList<string> Supported =
    [
        "Aurora", "CloudFormation", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "EKS", "FSx", "Neptune", "RDS", "Redshift", "S3",
        "SAP HANA on Amazon EC2", "Storage Gateway", "Timestream", "VirtualMachine",
    ];

    public static GetSupportedResourceTypesOutput GetSupported(Hosting.CallContext call, GetSupportedResourceTypesInput input) =>
        new() { ResourceTypes = [.. Supported] };

    /// <summary>The resource type of an ARN, as the API names it (DynamoDB, EBS, EC2, RDS, Aurora, EFS, ...).</summary>
    /// <exception cref="BackupApiError">The ARN is malformed or names a type AWS Backup does not protect.</exception>
    public static string Of(string resourceArn)
    {
        var parts = resourceArn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || !parts[1].StartsWith("aws", StringComparison.Ordinal))
        {
            throw BackupApiError.InvalidParameter($"ResourceArn '{resourceArn}' is not an ARN.");
        }

        var resource = parts[5];
        return parts[2] switch
        {
            "dynamodb" when resource.StartsWith("table/", StringComparison.Ordinal) => "DynamoDB",
            "ec2" when resource.StartsWith("volume/", StringComparison.Ordinal) => "EBS",
            "ec2" when resource.StartsWith("instance/", StringComparison.Ordinal) => "EC2",
            "rds" when resource.StartsWith("db:", StringComparison.Ordinal) => "RDS",
            "rds" when resource.StartsWith("cluster:", StringComparison.Ordinal) => "Aurora",
            "elasticfilesystem" when resource.StartsWith("file-system/", StringComparison.Ordinal) => "EFS",
            "fsx" => "FSx",
            "s3" when resource.Length > 0 && !resource.Contains('/', StringComparison.Ordinal) => "S3",
            "storagegateway" => "Storage Gateway",
            "backup-gateway" => "VirtualMachine",
            "cloudformation" when resource.StartsWith("stack/", StringComparison.Ordinal) => "CloudFormation",
            "redshift" or "redshift-serverless" => "Redshift",
            "timestream" => "Timestream",
            "ssm-sap" => "SAP HANA on Amazon EC2",
            "eks" when resource.StartsWith("cluster/", StringComparison.Ordinal) => "EKS",
            "dsql" => "Aurora DSQL",
            _ => throw BackupApiError.InvalidParameter($"ResourceArn '{resourceArn}' names a resource type AWS Backup does not protect."),
        };
    }

    /// <summary>The ARN a new recovery point of the resource gets; <paramref name="id"/> is its random part (<c>RegionState.NewGuid</c>).</summary>
    public static string RecoveryPointArn(string resourceType, string resourceArn, string region, string accountId, DateTimeOffset created, Guid id)
    {
        var hex = id.ToString("N")[..17];
        return resourceType switch
        {
            "EBS" or "Storage Gateway" => $"arn:aws:ec2:{region}::snapshot/snap-{hex}",
            "EC2" => $"arn:aws:ec2:{region}::image/ami-{hex}",
            "RDS" => $"arn:aws:rds:{region}:{accountId}:snapshot:awsbackup:job-{id:D}",
            "Aurora" => $"arn:aws:rds:{region}:{accountId}:cluster-snapshot:awsbackup:job-{id:D}",
            // DynamoDB backups: <table ARN>/backup/<14-digit epoch milliseconds>-<8 hex digits>.
            "DynamoDB" => $"{resourceArn}/backup/{created.ToUnixTimeMilliseconds():D14}-{hex[..8]}",
            "FSx" => $"arn:aws:fsx:{region}:{accountId}:backup/backup-{hex}",
            _ => $"arn:aws:backup:{region}:{accountId}:recovery-point:{id:D}",
        };
    }

    /// <summary>
    /// The ARN a copy gets in its destination. DynamoDB backups can only be copied with advanced DynamoDB backup, whose
    /// recovery points carry AWS Backup ARNs; other types take their usual form in the destination region and account.
    /// </summary>
    public static string CopyRecoveryPointArn(string resourceType, string resourceArn, string region, string accountId, DateTimeOffset created, Guid id) =>
        resourceType == "DynamoDB"
            ? $"arn:aws:backup:{region}:{accountId}:recovery-point:{id:D}"
            : RecoveryPointArn(resourceType, resourceArn, region, accountId, created, id);

    /// <summary>Whether recovery points of the type move to cold storage (others ignore the setting, as AWS does).</summary>
    public static bool SupportsColdStorage(string resourceType, bool optedInToArchive) => resourceType switch
    {
        "EFS" or "DynamoDB" or "Timestream" or "VirtualMachine" or "SAP HANA on Amazon EC2" or "CloudFormation" => true,
        "EBS" => optedInToArchive,
        _ => false,
    };
}
