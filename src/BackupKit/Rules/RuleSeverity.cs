// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
namespace BackupKit.Rules;

/// <summary>How serious a rule violation is by default.</summary>
internal enum RuleSeverity
{
    /// <summary>AWS rejects the request, or the configuration fails at run time: the posture cannot be built.</summary>
    Error,

    /// <summary>AWS accepts it but it exceeds an adjustable default quota or is likely a mistake: reported, not fatal.</summary>
    Warning,
}
