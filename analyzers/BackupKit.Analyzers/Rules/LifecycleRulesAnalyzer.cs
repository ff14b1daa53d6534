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
/// Reports the lifecycle rules of the rules table on the constant retentions of a backup rule or copy action:
/// delete-after range (BK3001), cold storage range (BK3002), 90 days in cold storage before deletion (BK3003), and
/// the continuous backup limits (BK3004, BK3005). The callback is replayed in order, as the builder applies it: a
/// later <c>DeleteAfter</c> or <c>KeepForever</c> replaces an earlier one, and a preset makes the values unknown.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class LifecycleRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(
        RuleIds.DeleteAfterRange, RuleIds.ColdStorageRange, RuleIds.ColdToDeleteGap, RuleIds.ContinuousRetention, RuleIds.ContinuousColdStorage);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) => symbols.RuleBuilder is not null && symbols.Retention is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "AddRule" && BackupKitSymbols.IsOn(method, symbols.PlanBuilder))
        {
            Check(context, invocation, symbols, symbols.RuleBuilder);
        }
        else if (method.Name == "CopyTo" && BackupKitSymbols.IsOn(method, symbols.RuleBuilder))
        {
            Check(context, invocation, symbols, symbols.CopyActionBuilder);
        }
    }

    private static void Check(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols, INamedTypeSymbol? builderType)
    {
        var configuration = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(invocation, builderType), builderType);
        if (LifecycleReplay.Read(configuration, symbols) is not { } lifecycle)
        {
            return;
        }

        var cold = lifecycle.Cold;
        var delete = lifecycle.Delete;
        var continuous = lifecycle.Continuous;
        var violations = new List<RuleViolation>();
        violations.AddRange(LifecycleRules.CheckLifecycle(cold.Days, delete.Days));
        if (continuous is not null && !lifecycle.ContinuousUnknown && delete.IsKnown)
        {
            violations.AddRange(LifecycleRules.CheckContinuousBackup(true, cold.Days, delete.Days));
        }

        foreach (var violation in violations)
        {
            var at = violation.Member switch
            {
                "deleteAfter" => delete.Call ?? continuous,
                "moveToColdStorageAfter" => cold.Call,
                _ => null,
            };
            var location = at is { Arguments.Length: > 0 } ? at.Arguments[0].Value.Syntax.GetLocation()
                : at is not null ? NameLocation.Of(at)
                : NameLocation.Of(invocation);
            RuleViolationReporter.Report(context, violation, location);
        }
    }
}
