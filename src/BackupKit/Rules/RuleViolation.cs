// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System.Collections.Generic;
using System.Globalization;

namespace BackupKit.Rules;

/// <summary>A finding of a rule check on primitive inputs; the caller adds where the value came from.</summary>
internal sealed class RuleViolation
{
    /// <summary>Creates a violation.</summary>
    /// <param name="rule">The rule that is violated.</param>
    /// <param name="member">The member the finding is about, relative to the checked object (e.g. <c>deleteAfter</c>), or empty for the object itself.</param>
    /// <param name="value">The offending value as text, or <see langword="null"/>.</param>
    /// <param name="fix">How to fix it.</param>
    /// <param name="arguments">The arguments of the rule's message format.</param>
    public RuleViolation(RuleDescriptor rule, string member, string? value, string fix, params object?[] arguments)
    {
        Rule = rule;
        Member = member;
        Value = value;
        Fix = fix;
        Arguments = arguments;
        Message = rule.FormatMessage(arguments);
    }

    /// <summary>Gets the violated rule.</summary>
    public RuleDescriptor Rule { get; }

    /// <summary>Gets the rule id.</summary>
    public string RuleId => Rule.Id;

    /// <summary>Gets the member the finding is about, relative to the checked object, or empty.</summary>
    public string Member { get; }

    /// <summary>Gets the offending value as text, or <see langword="null"/>.</summary>
    public string? Value { get; }

    /// <summary>Gets the message.</summary>
    public string Message { get; }

    /// <summary>Gets how to fix it.</summary>
    public string Fix { get; }

    /// <summary>Gets the arguments of the message format (analyzers pass them to their diagnostic).</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>Returns the id and message.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => RuleId + ": " + Message;

    internal static string Days(long days) =>
        days.ToString("N0", CultureInfo.InvariantCulture) + (days == 1 ? " day" : " days");

    internal static string Days(long? days) => days.HasValue ? Days(days.Value) : "never";
}
