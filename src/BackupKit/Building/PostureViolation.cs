using BackupKit.Rules;

namespace BackupKit.Building;

/// <summary>One violation of the rules table found in a posture: where, what, which rule and how to fix it.</summary>
public sealed class PostureViolation
{
    internal PostureViolation(string path, RuleViolation violation)
    {
        Path = path;
        Descriptor = violation.Rule;
        Message = violation.Message;
        Value = violation.Value;
        Fix = violation.Fix;
    }

    /// <summary>Gets the path of the offending value, e.g. <c>plans[prod].rules[daily].lifecycle.deleteAfter</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the rule id, e.g. <c>BK3003</c> (the same id the Roslyn analyzers report).</summary>
    public string RuleId => Descriptor.Id;

    /// <summary>Gets the short title of the violated rule.</summary>
    public string Title => Descriptor.Title;

    /// <summary>Gets the severity; only <see cref="ViolationSeverity.Error"/> violations make <c>Build()</c> fail.</summary>
    public ViolationSeverity Severity => Descriptor.DefaultSeverity == RuleSeverity.Error ? ViolationSeverity.Error : ViolationSeverity.Warning;

    /// <summary>Gets what is wrong.</summary>
    public string Message { get; }

    /// <summary>Gets the offending value as text, or <see langword="null"/> when there is none (e.g. a missing value).</summary>
    public string? Value { get; }

    /// <summary>Gets how to fix it.</summary>
    public string Fix { get; }

    /// <summary>Gets the documentation page of the rule.</summary>
    public string HelpLink => Descriptor.HelpLink;

    // The rules table entry; internal because the rules table is shared as source with the analyzers and the emulator.
    internal RuleDescriptor Descriptor { get; }

    /// <summary>Returns the violation on one line: path, id, message, value, fix and help link.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() =>
        $"{Path}: {RuleId} {Message}{(Value is null ? string.Empty : $" (value: {Value})")}. Fix: {Fix} See {HelpLink}";
}
