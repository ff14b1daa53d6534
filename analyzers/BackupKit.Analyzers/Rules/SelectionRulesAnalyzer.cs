using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// Reports the selection rules of the rules table on constant arguments: the IAM role ARN of a backup or restore
/// testing selection (BK5001), a selection whose configuration lambda adds neither a resource nor a tag (BK5002), and
/// each resource ARN pattern of <c>Include</c> / <c>Except</c> (BK5003). List sizes (BK5004) are left to run time: a
/// selection can be filled by several calls.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class SelectionRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(RuleIds.IamRoleArn, RuleIds.EmptySelection, RuleIds.ResourceArnPattern);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) =>
        symbols.SelectionBuilder is not null || symbols.RestoreTestingSelectionBuilder is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        // BK5002: a selection whose complete configuration never adds a resource or a tag.
        if (FluentConfiguration.ReadDeclaration(invocation, "Select", symbols.PlanBuilder, symbols.SelectionBuilder) is { Lambda: not null } selection)
        {
            if (!selection.HasCall("Include") && !selection.HasCall("AllResources") && !selection.HasCall("WhereTag"))
            {
                RuleViolationReporter.Report(context, SelectionRules.CheckNotEmpty(0, 0), NameLocation.Of(invocation));
            }

            return;
        }

        if (invocation.TargetMethod.Name is "Include" or "Except" &&
            invocation.Arguments.Length == 1 &&
            BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.SelectionBuilder) &&
            ConstantValues.Unwrap(invocation.Arguments[0].Value) is IArrayCreationOperation { Initializer: { } initializer })
        {
            var list = invocation.TargetMethod.Name == "Include" ? "resources" : "notResources";
            foreach (var element in initializer.ElementValues)
            {
                if (ConstantValues.TryGetString(element, out var arn))
                {
                    foreach (var violation in SelectionRules.CheckResourceList(list, new[] { arn! }))
                    {
                        if (violation.RuleId == RuleIds.ResourceArnPattern)
                        {
                            RuleViolationReporter.Report(context, violation, element.Syntax.GetLocation());
                        }
                    }
                }
            }

            return;
        }

        if (invocation.TargetMethod.Name == "WithRole" &&
            invocation.Arguments.Length == 1 &&
            (BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.SelectionBuilder) || BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.RestoreTestingSelectionBuilder)) &&
            ConstantValues.TryGetString(invocation.Arguments[0].Value, out var roleArn))
        {
            RuleViolationReporter.Report(context, SelectionRules.CheckIamRoleArn(roleArn), invocation.Arguments[0].Value.Syntax.GetLocation());
        }
    }
}
