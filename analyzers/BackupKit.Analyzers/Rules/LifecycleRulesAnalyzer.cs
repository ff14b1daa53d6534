using System.Collections.Generic;
using System.Collections.Immutable;
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
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LifecycleRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(
        RuleIds.DeleteAfterRange, RuleIds.ColdStorageRange, RuleIds.ColdToDeleteGap, RuleIds.ContinuousRetention, RuleIds.ContinuousColdStorage);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, BackupKitSymbols symbols)
    {
        if (symbols.RuleBuilder is not null && symbols.Retention is not null)
        {
            context.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, BackupKitSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
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

    private static void Check(OperationAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols, INamedTypeSymbol? builderType)
    {
        var configuration = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(invocation, builderType), builderType);
        if (!configuration.IsComplete || configuration.Lambda is null || !configuration.IsStraightLine)
        {
            return;
        }

        var cold = RetentionCall.Unset;
        var delete = RetentionCall.Unset;
        IInvocationOperation? continuous = null;
        var continuousUnknown = false;
        foreach (var call in configuration.Calls)
        {
            switch (call.TargetMethod.Name)
            {
                case "MoveToColdStorageAfter":
                    cold = RetentionCall.Read(call, symbols);
                    break;
                case "DeleteAfter":
                    delete = RetentionCall.Read(call, symbols);
                    break;
                case "KeepForever":
                    delete = RetentionCall.Unset;
                    break;
                case "EnableContinuousBackup":
                    continuous = call;
                    break;
                case "ApplyPreset":
                    // A preset brings its own schedule and lifecycle, invisible here.
                    cold = RetentionCall.Unknown;
                    delete = RetentionCall.Unknown;
                    continuousUnknown = true;
                    break;
            }
        }

        var violations = new List<RuleViolation>();
        violations.AddRange(LifecycleRules.CheckLifecycle(cold.Days, delete.Days));
        if (continuous is not null && !continuousUnknown && delete.IsKnown)
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

    /// <summary>The last retention call of one kind: unset (never called, or cleared), a known number of days, or unknown.</summary>
    private readonly struct RetentionCall
    {
        public static readonly RetentionCall Unset = new(null, null, isKnown: true);
        public static readonly RetentionCall Unknown = new(null, null, isKnown: false);

        private RetentionCall(IInvocationOperation? call, long? days, bool isKnown)
        {
            Call = call;
            Days = days;
            IsKnown = isKnown;
        }

        public IInvocationOperation? Call { get; }

        /// <summary>Gets the days, or <see langword="null"/> when unset or unknown (unknown values are never checked).</summary>
        public long? Days { get; }

        public bool IsKnown { get; }

        public static RetentionCall Read(IInvocationOperation call, BackupKitSymbols symbols) =>
            call.Arguments.Length == 1 && ConstantValues.TryGetRetentionDays(call.Arguments[0].Value, symbols, out var days)
                ? new RetentionCall(call, days, isKnown: true)
                : new RetentionCall(call, null, isKnown: false);
    }
}
