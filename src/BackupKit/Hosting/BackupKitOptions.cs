using BackupKit.Reconcile;
using BackupKit.Wire;

namespace BackupKit.Hosting;

/// <summary>
/// BackupKit's settings in a host: what <c>services.AddBackupKit(...)</c> configures, or the <c>BackupKit</c> section
/// of the configuration binds (<c>BackupKit:Client:Region</c>, <c>BackupKit:Apply:DeleteUndeclared</c>, and one
/// <c>BackupKit:Clients:{key}</c> section per keyed client).
/// </summary>
public sealed class BackupKitOptions
{
    /// <summary>The configuration section <c>AddBackupKit(IConfiguration)</c> reads when given the root configuration.</summary>
    public const string SectionName = "BackupKit";

    /// <summary>
    /// Region, endpoint, credentials and resilience of the default client (<c>IBackupClient</c> without a key), and
    /// the base every keyed client starts from before its own settings are applied.
    /// </summary>
    public BackupClientOptions Client { get; set; } = new();

    /// <summary>How the registered <see cref="PostureApplier"/>s apply a posture (for example whether undeclared objects are deleted).</summary>
    public PostureApplyOptions Apply { get; set; } = new();
}
