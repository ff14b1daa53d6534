using System.Collections.Immutable;
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
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PlanWithoutCrossRegionCopyAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        RuleViolationReporter.Descriptors(RuleIds.PlanWithoutCrossRegionCopy);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, BackupKitSymbols symbols)
    {
        if (symbols.PlanBuilder is null || symbols.RuleBuilder is null)
        {
            return;
        }

        context.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, BackupKitSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "AddPlan" || !BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.PostureBuilder))
        {
            return;
        }

        var plan = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(invocation, symbols.PlanBuilder), symbols.PlanBuilder);
        if (!plan.IsComplete)
        {
            return;
        }

        // Counting stops at the first copy action: one is enough, and an unreadable rule may hold one.
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
