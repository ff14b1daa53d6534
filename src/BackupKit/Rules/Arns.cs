// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System;
using System.Text.RegularExpressions;

namespace BackupKit.Rules;

/// <summary>ARN shapes shared by the rules.</summary>
internal static class Arns
{
    private const string Partition = "arn:aws(-[a-z]+)*";
    private const string Region = "[a-z]{2}(-[a-z]+)+-\\d+";

    public static readonly Regex BackupVault = new(
        "^" + Partition + ":backup:" + Region + ":\\d{12}:backup-vault:(?<name>[a-zA-Z0-9_-]{2,50})\\z", RegexOptions.CultureInvariant);

    public static readonly Regex KmsKey = new(
        "^" + Partition + ":kms:" + Region + ":\\d{12}:key/[a-zA-Z0-9-]+\\z", RegexOptions.CultureInvariant);

    public static readonly Regex KmsAlias = new(
        "^(" + Partition + ":kms:" + Region + ":\\d{12}:)?alias/", RegexOptions.CultureInvariant);

    public static readonly Regex SnsTopic = new(
        "^" + Partition + ":sns:" + Region + ":\\d{12}:[a-zA-Z0-9_-]{1,256}(\\.fifo)?\\z", RegexOptions.CultureInvariant);

    public static readonly Regex IamRole = new(
        "^" + Partition + ":iam::\\d{12}:role/[\\w+=,.@/-]{1,512}\\z", RegexOptions.CultureInvariant);

    // A whole service, e.g. 'arn:aws:ec2:*' (honours resource-type opt-in).
    public static readonly Regex ServiceWide = new("^" + Partition + ":[a-z0-9-]+:\\*\\z", RegexOptions.CultureInvariant);

    // Any ARN: partition, service, then at least region and account fields (which may be empty or '*').
    public static readonly Regex Any = new(
        "^" + Partition + ":[a-z0-9*-]+:[^:]*:[^:]*:.+\\z", RegexOptions.CultureInvariant);

    /// <summary>Whether <paramref name="arn"/> names an IAM principal (a role or user ARN), as policy conditions and audit controls need.</summary>
    public static bool IsIamPrincipal(string? arn) =>
        arn is not null && arn.StartsWith("arn:", StringComparison.Ordinal) && arn.IndexOf(":iam::", StringComparison.Ordinal) > 0;

    /// <summary>Returns the vault name of a backup vault ARN, or <see langword="null"/> when it is not one.</summary>
    public static string? VaultName(string arn)
    {
        var match = BackupVault.Match(arn);
        return match.Success ? match.Groups["name"].Value : null;
    }
}
