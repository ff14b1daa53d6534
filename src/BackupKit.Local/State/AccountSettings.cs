using BackupKit.Local.Operations;

namespace BackupKit.Local.State;

/// <summary>
/// An account's settings in one Region (DescribeRegionSettings / UpdateRegionSettings): which resource types AWS Backup
/// protects there (opt-in) and which it fully manages. Changed only under the region gate.
/// </summary>
internal sealed class RegionSettings
{
    /// <summary>The types whose full AWS Backup management the emulator reports, with AWS's defaults (EFS is always fully managed; advanced DynamoDB backup is off until enabled).</summary>
    public static readonly IReadOnlyDictionary<string, bool> DefaultManagement = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["DynamoDB"] = false,
        ["EFS"] = true,
    };

    /// <summary>Opt-in by resource type; every supported type starts opted in (AWS opts an account in to the types it supports when its first vault or plan is created).</summary>
    public Dictionary<string, bool> OptIn { get; } = ResourceTypes.Supported.ToDictionary(static t => t, static _ => true, StringComparer.Ordinal);

    /// <summary>Full AWS Backup management by resource type.</summary>
    public Dictionary<string, bool> Management { get; } = new(DefaultManagement, StringComparer.Ordinal);

    /// <summary>Whether AWS Backup protects resources of the type in this Region (types without a setting are protected).</summary>
    public bool IsOptedIn(string resourceType) => !OptIn.TryGetValue(resourceType, out var optedIn) || optedIn;
}

/// <summary>
/// The settings of the emulated AWS Organizations organization (DescribeGlobalSettings / UpdateGlobalSettings). Every
/// account the emulator serves is a member of one organization whose management account is
/// <see cref="BackupEmulatorOptions.OrganizationManagementAccountId"/>. Guarded by its own lock: any Region of any account
/// reads it.
/// </summary>
internal sealed class GlobalSettings
{
    public const string CrossAccountBackup = "isCrossAccountBackupEnabled";
    public const string MultiPartyApproval = "isMpaEnabled";
    public const string DelegatedAdministrator = "isDelegatedAdministratorEnabled";

    private readonly Dictionary<string, string> _flags = new(StringComparer.Ordinal)
    {
        // On, so that the cross-account copies the emulator has always allowed keep working until a caller turns it off.
        [CrossAccountBackup] = "true",
        [MultiPartyApproval] = "false",
        [DelegatedAdministrator] = "false",
    };

    private readonly object _gate = new();

    public GlobalSettings(string managementAccountId) => ManagementAccountId = managementAccountId;

    /// <summary>The organization's management account: the only one allowed to change the settings.</summary>
    public string ManagementAccountId { get; }

    /// <summary>When a caller last changed the flags; null while they are the defaults.</summary>
    public DateTimeOffset? LastUpdateTime { get; private set; }

    /// <summary>Whether accounts of the organization may copy backups to one another.</summary>
    public bool IsCrossAccountBackupEnabled
    {
        get
        {
            lock (_gate)
            {
                return _flags[CrossAccountBackup] == "true";
            }
        }
    }

    /// <summary>A copy of the flags.</summary>
    public Dictionary<string, string> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, string>(_flags, StringComparer.Ordinal);
        }
    }

    /// <summary>Applies checked flags.</summary>
    public void Update(IReadOnlyDictionary<string, string> flags, DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var (key, value) in flags)
            {
                _flags[key] = value;
            }

            LastUpdateTime = now;
        }
    }
}
