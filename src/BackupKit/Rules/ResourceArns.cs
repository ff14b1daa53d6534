// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System;

namespace BackupKit.Rules;

/// <summary>What an AWS resource ARN says about the resource: its AWS Backup resource type and its account.</summary>
internal static class ResourceArns
{
    /// <summary>
    /// Returns the AWS Backup resource type (<c>DynamoDB</c>, <c>RDS</c>, <c>Aurora</c>, <c>EBS</c>, <c>EC2</c>,
    /// <c>EFS</c>, <c>FSx</c>, <c>S3</c>, ...) of a resource ARN, or <see langword="null"/> when the ARN is a
    /// wildcard or of a service BackupKit does not map.
    /// </summary>
    /// <param name="arn">The resource ARN.</param>
    /// <returns>The resource type, or <see langword="null"/>.</returns>
    public static string? ResourceTypeOf(string arn)
    {
        var parts = arn.Split(new[] { ':' }, 6);
        if (parts.Length < 6 || parts[0] != "arn" || arn.IndexOf('*') >= 0)
        {
            return null;
        }

        var resource = parts[5];
        return parts[2] switch
        {
            "dynamodb" => "DynamoDB",
            "rds" when resource.StartsWith("cluster:", StringComparison.Ordinal) => "Aurora",
            "rds" when resource.StartsWith("db:", StringComparison.Ordinal) => "RDS",
            "ec2" when resource.StartsWith("volume/", StringComparison.Ordinal) => "EBS",
            "ec2" when resource.StartsWith("instance/", StringComparison.Ordinal) => "EC2",
            "elasticfilesystem" => "EFS",
            "fsx" => "FSx",
            "s3" => "S3",
            "storagegateway" => "Storage Gateway",
            "redshift" => "Redshift",
            "docdb" => "DocumentDB",
            "neptune-db" => "Neptune",
            "timestream" => "Timestream",
            "cloudformation" => "CloudFormation",
            _ => null,
        };
    }

    /// <summary>Returns the 12-digit account id of an ARN, or <see langword="null"/> when the ARN has none (S3 buckets) or is not an ARN.</summary>
    /// <param name="arn">The ARN.</param>
    /// <returns>The account id, or <see langword="null"/>.</returns>
    public static string? AccountOf(string arn)
    {
        var parts = arn.Split(new[] { ':' }, 6);
        return parts.Length >= 6 && parts[0] == "arn" && parts[4].Length == 12 ? parts[4] : null;
    }

    /// <summary>Returns the Region of an ARN, or <see langword="null"/> when the ARN has none or is not an ARN.</summary>
    /// <param name="arn">The ARN.</param>
    /// <returns>The Region, or <see langword="null"/>.</returns>
    public static string? RegionOf(string arn)
    {
        var parts = arn.Split(new[] { ':' }, 6);
        return parts.Length >= 6 && parts[0] == "arn" && parts[3].Length > 0 ? parts[3] : null;
    }
}
