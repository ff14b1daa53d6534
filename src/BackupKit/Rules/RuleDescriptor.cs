// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System.Globalization;

namespace BackupKit.Rules;

/// <summary>
/// One entry of the BackupKit rules table: an AWS Backup constraint with a stable id. Roslyn diagnostics and
/// validation errors use the same id and help link.
/// </summary>
internal sealed class RuleDescriptor
{
    internal RuleDescriptor(string id, string category, RuleSeverity defaultSeverity, string title, string messageFormat, string awsConstraint, string referenceSection)
    {
        Id = id;
        Category = category;
        DefaultSeverity = defaultSeverity;
        Title = title;
        MessageFormat = messageFormat;
        AwsConstraint = awsConstraint;
        ReferenceSection = referenceSection;
    }

    /// <summary>Gets the rule id, e.g. <c>BK3003</c>.</summary>
    public string Id { get; }

    /// <summary>Gets the category (BestPractice, Naming, Schedule, Lifecycle, Plan, Selection, Vault, CrossReference, RestoreTesting).</summary>
    public string Category { get; }

    /// <summary>Gets the default severity.</summary>
    public RuleSeverity DefaultSeverity { get; }

    /// <summary>Gets a short title.</summary>
    public string Title { get; }

    /// <summary>Gets the composite-format message (placeholders <c>{0}</c>, <c>{1}</c>, ...), as used by the analyzers.</summary>
    public string MessageFormat { get; }

    /// <summary>Gets the AWS constraint the rule encodes, in one sentence.</summary>
    public string AwsConstraint { get; }

    /// <summary>Gets the section of the BackupKit AWS rules reference the constraint comes from.</summary>
    public string ReferenceSection { get; }

    /// <summary>Gets the documentation page of the rule.</summary>
    public string HelpLink => RuleCatalog.GetHelpLink(Id);

    /// <summary>Formats <see cref="MessageFormat"/> with <paramref name="arguments"/> (invariant culture).</summary>
    /// <param name="arguments">The message arguments.</param>
    /// <returns>The message.</returns>
    public string FormatMessage(params object?[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments);

    /// <summary>Returns the id and title.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Id + ": " + Title;
}
