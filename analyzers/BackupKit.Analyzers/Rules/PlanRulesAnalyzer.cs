using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// Reports the plan rules of the rules table that are visible in source: the number of rules of a plan (BK4001) and
/// of copy actions of a rule (BK4002) when the callbacks are plain lambdas, constant copy destination ARNs (BK4003)
/// and constant logically air-gapped target ARNs (BK4007).
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class PlanRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(
        RuleIds.RuleCount, RuleIds.CopyActionCount, RuleIds.CopyDestinationArn, RuleIds.AirGappedTargetArn);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) => symbols.PlanBuilder is not null && symbols.RuleBuilder is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "AddPlan" when BackupKitSymbols.IsOn(method, symbols.PostureBuilder):
                CheckCount(context, invocation, symbols.PlanBuilder, "AddRule", "ApplyPreset", PlanRules.CheckRuleCount);
                break;
            case "AddRule" when BackupKitSymbols.IsOn(method, symbols.PlanBuilder):
                CheckCount(context, invocation, symbols.RuleBuilder, "CopyTo", "ApplyPreset", count => PlanRules.CheckCopyActionCount(count));
                break;
            case "CopyTo" when BackupKitSymbols.IsOn(method, symbols.RuleBuilder) &&
                               ConstantValues.TryGetString(invocation.Arguments[0].Value, out var destination):
                RuleViolationReporter.Report(context, PlanRules.CheckCopyDestinationArn(destination), invocation.Arguments[0].Value.Syntax.GetLocation());
                break;
            case "DirectToAirGappedVault" when BackupKitSymbols.IsOn(method, symbols.RuleBuilder) &&
                                               ConstantValues.TryGetString(invocation.Arguments[0].Value, out var target) && target is not null:
                RuleViolationReporter.Report(context, PlanRules.CheckAirGappedTargetArn(target), invocation.Arguments[0].Value.Syntax.GetLocation());
                break;
        }
    }

    private static void CheckCount(
        SyntaxNodeAnalysisContext context,
        IInvocationOperation invocation,
        INamedTypeSymbol? builderType,
        string counted,
        string hidingCall,
        System.Func<int, System.Collections.Generic.IReadOnlyList<RuleViolation>> check)
    {
        var configuration = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(invocation, builderType), builderType);
        if (!configuration.IsComplete || configuration.Lambda is null || configuration.HasCall(hidingCall) || !configuration.IsStraightLine)
        {
            return;
        }

        var count = 0;
        foreach (var _ in configuration.CallsTo(counted))
        {
            count++;
        }

        RuleViolationReporter.Report(context, check(count), NameLocation.Of(invocation));
    }
}
