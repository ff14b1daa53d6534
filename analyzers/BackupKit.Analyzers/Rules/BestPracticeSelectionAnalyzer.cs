using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// The best-practice warnings that one declaration shows on its own when its values are constants: a backup selection
/// that assigns resources only by ARN (BK1006), and a restore testing selection without a validation window (BK1008).
/// The others (BK1004, BK1005, BK1007) need the whole posture or the account, so they stay at run time.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class BestPracticeSelectionAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        RuleViolationReporter.Descriptors(RuleIds.SelectionOnlyByArn, RuleIds.RestoreTestingWithoutValidationWindow);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) =>
        (symbols.PlanBuilder is not null && symbols.SelectionBuilder is not null) ||
        (symbols.RestoreTestingPlanBuilder is not null && symbols.RestoreTestingSelectionBuilder is not null);

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        if (FluentConfiguration.ReadDeclaration(invocation, "Select", symbols.PlanBuilder, symbols.SelectionBuilder) is { Lambda: not null } selection)
        {
            AnalyzeSelection(context, invocation, selection, symbols);
            return;
        }

        if (FluentConfiguration.ReadDeclaration(invocation, "Test", symbols.RestoreTestingPlanBuilder, symbols.RestoreTestingSelectionBuilder) is { Lambda: not null } test)
        {
            AnalyzeRestoreTest(context, invocation, test, symbols);
        }
    }

    // BK1006: counted as Build() counts them: an ARN without a wildcard is an ARN, "*" or a pattern selects by
    // wildcard, every tag and condition counts for tags; a non-constant ARN list leaves the count unknown.
    private static void AnalyzeSelection(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, FluentConfiguration selection, BackupKitSymbols symbols)
    {
        var arns = 0;
        var byTag = 0;
        foreach (var call in selection.Calls)
        {
            switch (call.TargetMethod.Name)
            {
                case "Include":
                    if (!CountArns(call, ref arns, ref byTag))
                    {
                        return;
                    }

                    break;
                case "AllResources":
                    byTag++;
                    break;
                case "WhereTag" or "RequireTag" or "RequireTagLike" or "ExcludeTag" or "ExcludeTagLike":
                    byTag++;
                    break;
            }
        }

        RuleViolationReporter.Report(
            context,
            RecommendationRules.CheckSelectionByTag(FluentConfiguration.ConstantName(invocation), EnclosingName(invocation, "AddPlan", symbols.PostureBuilder), arns, byTag),
            NameLocation.Of(invocation));
    }

    private static bool CountArns(IInvocationOperation include, ref int arns, ref int byTag)
    {
        if (include.Arguments.Length != 1 || ConstantValues.Unwrap(include.Arguments[0].Value) is not IArrayCreationOperation { Initializer: { } initializer })
        {
            return false;
        }

        foreach (var element in initializer.ElementValues)
        {
            if (!ConstantValues.TryGetString(element, out var arn) || arn is null)
            {
                return false;
            }

            if (arn.IndexOf('*') >= 0)
            {
                byTag++;
            }
            else
            {
                arns++;
            }
        }

        return true;
    }

    // BK1008: no ValidateWithin, or a constant window of zero hours; a window the analyzer cannot read is not reported.
    private static void AnalyzeRestoreTest(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, FluentConfiguration test, BackupKitSymbols symbols)
    {
        double? hours = null;
        foreach (var call in test.CallsTo("ValidateWithin"))
        {
            if (call.Arguments.Length != 1 || !ConstantValues.TryGetTimeSpan(call.Arguments[0].Value, symbols, out var window))
            {
                return;
            }

            hours = window.TotalHours;
        }

        RuleViolationReporter.Report(
            context,
            RecommendationRules.CheckValidationWindow(FluentConfiguration.ConstantName(invocation), EnclosingName(invocation, "AddRestoreTestingPlan", symbols.PostureBuilder), hours),
            NameLocation.Of(invocation));
    }

    /// <summary>The constant name of the declaration (<c>AddPlan</c>, <c>AddRestoreTestingPlan</c>) whose lambda holds the invocation.</summary>
    private static string EnclosingName(IInvocationOperation invocation, string method, INamedTypeSymbol? declaringBuilder)
    {
        for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IInvocationOperation enclosing && string.Equals(enclosing.TargetMethod.Name, method, StringComparison.Ordinal) &&
                BackupKitSymbols.IsOn(enclosing.TargetMethod, declaringBuilder))
            {
                return FluentConfiguration.ConstantName(enclosing);
            }
        }

        return "(unnamed)";
    }
}
