using System.Collections.Immutable;
using BackupKit.Analyzers.Internals;
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
        ImmutableArray.Create(DiagnosticDescriptors.BK1001_RuleWithoutRetention);

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
        if (!configuration.IsComplete ||
            configuration.HasCall("DeleteAfter") ||
            configuration.HasCall("KeepForever") ||
            configuration.HasCall("ApplyPreset"))
        {
            return;
        }

        var name = FluentConfiguration.Argument(invocation, "name") is { } nameArgument && ConstantValues.TryGetString(nameArgument.Value, out var text)
            ? text
            : null;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.BK1001_RuleWithoutRetention,
            NameLocation.Of(invocation),
            name ?? "(unnamed)"));
    }
}
