using System.Security.Cryptography;
using System.Text;

namespace BackupKit.Local.Inventory;

/// <summary>
/// The ARN forms of the resources the inventory models, as AWS writes them: which AWS Backup resource type an ARN is,
/// its account and Region (S3 bucket ARNs carry neither), and the name AWS Backup reports for it.
/// </summary>
internal static class ResourceArns
{
    /// <summary>The resource types the inventory models.</summary>
    public static readonly IReadOnlyList<string> ModeledTypes = ["DynamoDB", "RDS", "Aurora", "EBS", "EC2", "EFS", "FSx", "S3"];

    /// <summary>Parses a resource ARN of a modeled type, or says why it is not one.</summary>
    public static bool TryParse(string arn, out ParsedResourceArn parsed, out string? error)
    {
        parsed = default;
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || !parts[1].StartsWith("aws", StringComparison.Ordinal))
        {
            error = $"'{arn}' is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>).";
            return false;
        }

        var (service, region, account, resource) = (parts[2], parts[3], parts[4], parts[5]);
        string? type = service switch
        {
            "dynamodb" when HasName(resource, "table/") => "DynamoDB",
            "rds" when HasName(resource, "db:") => "RDS",
            "rds" when HasName(resource, "cluster:") => "Aurora",
            "ec2" when HasName(resource, "volume/vol-") => "EBS",
            "ec2" when HasName(resource, "instance/i-") => "EC2",
            "elasticfilesystem" when HasName(resource, "file-system/fs-") => "EFS",
            "fsx" when HasName(resource, "file-system/fs-") || HasName(resource, "volume/fsvol-") => "FSx",
            "s3" when resource.Length >= 3 && !resource.Contains('/', StringComparison.Ordinal) => "S3",
            _ => null,
        };
        if (type is null)
        {
            error = $"'{arn}' is not the ARN of a resource the emulator models. Use one of: "
                + "arn:aws:dynamodb:<region>:<account>:table/<name>, arn:aws:rds:<region>:<account>:db:<id>, "
                + "arn:aws:rds:<region>:<account>:cluster:<id>, arn:aws:ec2:<region>:<account>:volume/vol-<id>, "
                + "arn:aws:ec2:<region>:<account>:instance/i-<id>, arn:aws:elasticfilesystem:<region>:<account>:file-system/fs-<id>, "
                + "arn:aws:fsx:<region>:<account>:file-system/fs-<id>, arn:aws:s3:::<bucket>.";
            return false;
        }

        if (type == "S3")
        {
            if (region.Length != 0 || account.Length != 0)
            {
                error = $"'{arn}': S3 bucket ARNs carry no Region and no account (arn:aws:s3:::<bucket>).";
                return false;
            }
        }
        else if (region.Length == 0 || !Hosting.AccountResolver.IsAccountId(account))
        {
            error = $"'{arn}' needs a Region and a 12-digit account id, as AWS writes {type} ARNs.";
            return false;
        }

        parsed = new ParsedResourceArn(type, region.Length == 0 ? null : region, account.Length == 0 ? null : account);
        error = null;
        return true;
    }

    /// <summary>The name AWS Backup reports for a resource: what follows the last '/' or ':' of the ARN.</summary>
    public static string NameOf(string arn)
    {
        var cut = Math.Max(arn.LastIndexOf('/'), arn.LastIndexOf(':'));
        return arn[(cut + 1)..];
    }

    /// <summary>The content a resource gets when the caller gives none: a fixed item count and a checksum of its ARN.</summary>
    public static ResourceContent DefaultContent(string arn) => new(1000, ChecksumOf(arn));

    /// <summary>A short hex SHA-256 of the text, used for checksums the emulator derives.</summary>
    public static string ChecksumOf(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16)).ToLowerInvariant();

    private static bool HasName(string resource, string prefix) =>
        resource.Length > prefix.Length && resource.StartsWith(prefix, StringComparison.Ordinal);
}

/// <summary>What an ARN of a modeled resource says: its type, and its Region and account (null for S3 buckets).</summary>
internal readonly record struct ParsedResourceArn(string ResourceType, string? Region, string? AccountId);
