namespace BackupKit.Building;

/// <summary>How serious a <see cref="PostureViolation"/> is.</summary>
public enum ViolationSeverity
{
    /// <summary>AWS rejects the request, or the configuration fails at run time: the posture cannot be built.</summary>
    Error,

    /// <summary>AWS accepts it but it exceeds an adjustable default quota or is likely a mistake: reported, not fatal.</summary>
    Warning,
}
