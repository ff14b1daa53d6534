using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// BK1002: a backup plan none of whose rules copies its recovery points to another vault (<c>CopyTo</c>), so a
/// regional outage takes the backups with it. Plan presets bring no copy actions, so applying one does not count.
/// The plan's own Region is only known at deploy time; any copy action satisfies the rule.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class PlanWithoutCrossRegionCopyAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        RuleViolationReporter.Descriptors(RuleIds.PlanWithoutCrossRegionCopy);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) => symbols.PlanBuilder is not null && symbols.RuleBuilder is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        if (FluentConfiguration.ReadDeclaration(invocation, "AddPlan", symbols.PostureBuilder, symbols.PlanBuilder) is not { } plan)
        {
            return;
        }

        // One copy action satisfies the rule; a rule that cannot be read completely may hold one, so it silences the plan.
        foreach (var addRule in plan.CallsTo("AddRule"))
        {
            var rule = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(addRule, symbols.RuleBuilder), symbols.RuleBuilder);
            if (!rule.IsComplete || rule.HasCall("CopyTo"))
            {
                return;
            }
        }

        RuleViolationReporter.Report(
            context,
            RecommendationRules.CheckCrossRegionCopy(FluentConfiguration.ConstantName(invocation), copyActionCount: 0),
            NameLocation.Of(invocation));
    }
}
