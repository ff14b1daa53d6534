// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System.Collections.Generic;

namespace BackupKit.Rules;

internal static class Violations
{
    public static readonly IReadOnlyList<RuleViolation> None = System.Array.Empty<RuleViolation>();

    public static IReadOnlyList<RuleViolation> One(RuleViolation violation) => new[] { violation };
}
