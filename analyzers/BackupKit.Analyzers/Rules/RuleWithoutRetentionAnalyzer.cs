using System.Collections.Immutable;
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
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuleWithoutRetentionAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        RuleViolationReporter.Descriptors(RuleIds.RuleWithoutRetention);

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
        if (invocation.TargetMethod.Name != "AddRule" || !BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.PlanBuilder))
        {
            return;
        }

        var configuration = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(invocation, symbols.RuleBuilder), symbols.RuleBuilder);
        if (!configuration.IsComplete)
        {
            return;
        }

        // Every preset brings a delete-after, so applying one counts as setting it.
        var violations = RecommendationRules.CheckRuleRetention(
            FluentConfiguration.ConstantName(invocation),
            hasDeleteAfter: configuration.HasCall("DeleteAfter") || configuration.HasCall("ApplyPreset"),
            keepsForeverDeliberately: configuration.HasCall("KeepForever"));
        RuleViolationReporter.Report(context, violations, NameLocation.Of(invocation));
    }
}
