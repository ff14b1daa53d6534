namespace BackupKit.Model;

/// <summary>A backup plan: when and how to back up (rules), what to back up (selections) and plan-wide options.</summary>
public sealed record BackupPlan
{
    /// <summary>Gets the plan name: 1 to 50 letters, digits, hyphens, underscores or dots.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the rules (1 to 10 per plan).</summary>
    public required ValueList<BackupRule> Rules { get; init; }

    /// <summary>Gets the resource selections (assignments) that pick the resources this plan protects.</summary>
    public ValueList<BackupSelection> Selections { get; init; }

    /// <summary>Gets the per-resource-type advanced options (Windows VSS for EC2; ACL and object-tag backup for S3).</summary>
    public ValueList<AdvancedBackupSetting> AdvancedBackupSettings { get; init; }

    /// <summary>Gets the tags of the plan.</summary>
    public ValueMap<string> Tags { get; init; }
}

/// <summary>Advanced backup options for one resource type (AWS <c>AdvancedBackupSetting</c>).</summary>
public sealed record AdvancedBackupSetting
{
    /// <summary>Gets the resource type the options apply to: <c>EC2</c> or <c>S3</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>Gets the options, e.g. <c>WindowsVSS=enabled</c> for EC2, <c>BackupACLs=disabled</c> for S3.</summary>
    public required ValueMap<string> Options { get; init; }
}
