using BackupKit.Wire;

namespace BackupKit.Hosting;

/// <summary>BackupKit's settings in a host: what <c>services.AddBackupKit(...)</c> configures.</summary>
public sealed class BackupKitOptions
{
    /// <summary>Region, endpoint, credentials and resilience of the AWS Backup client.</summary>
    public BackupClientOptions Client { get; set; } = new();
}
