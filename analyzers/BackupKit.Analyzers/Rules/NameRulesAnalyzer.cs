using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// Reports the naming rules of the rules table on constant names and tags: vault (BK1101), plan (BK1102), rule
/// (BK1103) and selection (BK1104) names, restore testing plan (BK1107) and selection (BK1108) names, and tag key
/// and value lengths (BK1106).
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class NameRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(
        RuleIds.VaultName, RuleIds.PlanName, RuleIds.RuleName, RuleIds.SelectionName, RuleIds.TagLength,
        RuleIds.RestoreTestingPlanName, RuleIds.RestoreTestingSelectionName);

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "AddVault" when BackupKitSymbols.IsOn(method, symbols.PostureBuilder):
                CheckName(context, invocation, NameRules.CheckVaultName);
                break;
            case "AddPlan" when BackupKitSymbols.IsOn(method, symbols.PostureBuilder):
                CheckName(context, invocation, NameRules.CheckPlanName);
                break;
            case "AddRule" when BackupKitSymbols.IsOn(method, symbols.PlanBuilder):
                CheckName(context, invocation, NameRules.CheckRuleName);
                break;
            case "Select" when BackupKitSymbols.IsOn(method, symbols.PlanBuilder):
                CheckName(context, invocation, NameRules.CheckSelectionName);
                break;
            case "AddRestoreTestingPlan" when BackupKitSymbols.IsOn(method, symbols.PostureBuilder):
                CheckName(context, invocation, NameRules.CheckRestoreTestingPlanName);
                break;
            case "Test" when BackupKitSymbols.IsOn(method, symbols.RestoreTestingPlanBuilder):
                CheckName(context, invocation, NameRules.CheckRestoreTestingSelectionName);
                break;
            case "Tag" when BackupKitSymbols.IsOn(method, symbols.PlanBuilder) || BackupKitSymbols.IsOn(method, symbols.VaultBuilder):
            case "TagRecoveryPoints" when BackupKitSymbols.IsOn(method, symbols.RuleBuilder):
                CheckTag(context, invocation);
                break;
        }
    }

    private static void CheckName(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, System.Func<string?, IReadOnlyList<RuleViolation>> check)
    {
        if (FluentConfiguration.Argument(invocation, "name") is { } argument &&
            ConstantValues.TryGetString(argument.Value, out var name))
        {
            RuleViolationReporter.Report(context, check(name), argument.Value.Syntax.GetLocation());
        }
    }

    private static void CheckTag(SyntaxNodeAnalysisContext context, IInvocationOperation invocation)
    {
        if (FluentConfiguration.Argument(invocation, "key") is not { } keyArgument ||
            FluentConfiguration.Argument(invocation, "value") is not { } valueArgument ||
            !ConstantValues.TryGetString(keyArgument.Value, out var key) ||
            !ConstantValues.TryGetString(valueArgument.Value, out var value) ||
            key is null)
        {
            return;
        }

        foreach (var violation in NameRules.CheckTags(new[] { new KeyValuePair<string, string>(key, value!) }))
        {
            var location = violation.Value == key ? keyArgument.Value.Syntax.GetLocation() : valueArgument.Value.Syntax.GetLocation();
            RuleViolationReporter.Report(context, violation, location);
        }
    }
}
