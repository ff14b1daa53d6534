using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// BK1001: a backup rule whose configuration never sets a retention (<c>DeleteAfter</c>) keeps its recovery points
/// forever. An explicit <c>KeepForever()</c> or a preset (which brings its own lifecycle) is a decision, not an
/// omission, and is not reported.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class RuleWithoutRetentionAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        RuleViolationReporter.Descriptors(RuleIds.RuleWithoutRetention);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) => symbols.PlanBuilder is not null && symbols.RuleBuilder is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        if (FluentConfiguration.ReadDeclaration(invocation, "AddRule", symbols.PlanBuilder, symbols.RuleBuilder) is not { } rule)
        {
            return;
        }

        // Every preset brings a delete-after, so applying one counts as setting it.
        var violations = RecommendationRules.CheckRuleRetention(
            FluentConfiguration.ConstantName(invocation),
            hasDeleteAfter: rule.HasCall("DeleteAfter") || rule.HasCall("ApplyPreset"),
            keepsForeverDeliberately: rule.HasCall("KeepForever"));
        RuleViolationReporter.Report(context, violations, NameLocation.Of(invocation));
    }
}
