using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// Reports the restore testing rules of the rules table on constant arguments: the plan's start window (BK8001), a
/// selection window of recovery points (BK8002), a tested resource type (BK8005) and a selection's validation window (BK8008).
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class RestoreTestingRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(
        RuleIds.RestoreTestingStartWindow, RuleIds.RestoreTestingSelectionWindow, RuleIds.RestoreTestingResourceType, RuleIds.RestoreTestingValidationWindow);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) => symbols.RestoreTestingPlanBuilder is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (invocation.Arguments.Length == 0)
        {
            return;
        }

        var first = invocation.Arguments[0].Value;
        switch (method.Name)
        {
            case "StartWithin" when BackupKitSymbols.IsOn(method, symbols.RestoreTestingPlanBuilder) &&
                                    ConstantValues.TryGetTimeSpan(first, symbols, out var startWindow):
                RuleViolationReporter.Report(context, RestoreTestingRules.CheckStartWindow(startWindow), first.Syntax.GetLocation());
                break;
            case "WithinLast" when BackupKitSymbols.IsOn(method, symbols.RestoreTestingPlanBuilder) &&
                                   ConstantValues.TryGetRetentionDays(first, symbols, out var selectionWindowDays):
                RuleViolationReporter.Report(context, RestoreTestingRules.CheckSelectionWindow(selectionWindowDays), first.Syntax.GetLocation());
                break;
            case "Test" when BackupKitSymbols.IsOn(method, symbols.RestoreTestingPlanBuilder) &&
                             FluentConfiguration.Argument(invocation, "protectedResourceType") is { } typeArgument &&
                             ConstantValues.TryGetString(typeArgument.Value, out var resourceType):
                RuleViolationReporter.Report(context, RestoreTestingRules.CheckResourceType(resourceType), typeArgument.Value.Syntax.GetLocation());
                break;
            case "ValidateWithin" when BackupKitSymbols.IsOn(method, symbols.RestoreTestingSelectionBuilder) &&
                                       ConstantValues.TryGetTimeSpan(first, symbols, out var validationWindow):
                RuleViolationReporter.Report(context, RestoreTestingRules.CheckValidationWindow(validationWindow), first.Syntax.GetLocation());
                break;
        }
    }
}
