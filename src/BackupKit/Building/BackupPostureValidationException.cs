using System.Text;
using BackupKit.Rules;

namespace BackupKit.Building;

/// <summary>
/// Thrown by <see cref="BackupPostureBuilder.Build"/> when the posture breaks AWS Backup rules. It lists every
/// violation at once (path, value, rule id and fix), not only the first.
/// </summary>
public sealed class BackupPostureValidationException : Exception
{
    /// <summary>Creates the exception for a set of violations.</summary>
    /// <param name="violations">The violations; at least one.</param>
    public BackupPostureValidationException(IReadOnlyList<PostureViolation> violations)
        : base(Describe(violations))
    {
        Violations = violations;
    }

    /// <summary>Gets every violation found, errors first, then in path order.</summary>
    public IReadOnlyList<PostureViolation> Violations { get; }

    private static string Describe(IReadOnlyList<PostureViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var errors = violations.Count(v => v.Severity == ViolationSeverity.Error);
        var text = new StringBuilder();
        text.Append("The backup posture breaks ").Append(errors).Append(errors == 1 ? " AWS Backup rule" : " AWS Backup rules")
            .Append(" and cannot be built:");
        foreach (var violation in violations)
        {
            text.AppendLine().Append("  - ");
            if (violation.Severity == ViolationSeverity.Warning)
            {
                text.Append("(warning) ");
            }

            text.Append(violation);
        }

        return text.ToString();
    }
}
