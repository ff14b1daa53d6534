namespace BackupKit.Tests.Posture;

/// <summary>Well-formed ARNs used across the posture tests.</summary>
internal static class Arns
{
    public const string KmsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string Topic = "arn:aws:sns:us-east-1:123456789012:backup-alerts";
    public const string DrVault = "arn:aws:backup:us-west-2:210987654321:backup-vault:dr-vault";
    public const string Role = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
    public const string Table = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";

    public static string VaultInRegion(string region, string name) => $"arn:aws:backup:{region}:123456789012:backup-vault:{name}";
}
