using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// The base of every BackupKit analyzer. It seals <see cref="Initialize"/> so that no rule can forget the cheap
/// defaults: concurrent execution, no generated code, no work at all in a compilation that does not reference
/// BackupKit (the well-known types are resolved once per compilation), and one invocation operation action as the
/// only work registered in one that does. The action compares the invoked method's assembly with BackupKit's by
/// reference before anything else, so ordinary code costs one comparison per call: the operation trees are the
/// ones the compiler's analyzer driver builds once for every analyzer of the build (the SDK's own analyzers use
/// them), and no BackupKit analyzer binds a file, asks for a semantic model or walks a syntax tree on its own.
/// </summary>
public abstract class BackupKitAnalyzer : DiagnosticAnalyzer
{
    private static readonly Func<Diagnostic, bool> s_anyDiagnostic = static _ => true;

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (BackupKitSymbols.TryCreate(start.Compilation) is { } symbols && CanAnalyze(symbols))
            {
                start.RegisterOperationAction(c => AnalyzeInvocationOperation(c, symbols), OperationKind.Invocation);
            }
        });
    }

    /// <summary>
    /// Gets whether the compilation has the BackupKit types the rule looks at; when it does not, nothing is registered.
    /// </summary>
    /// <param name="symbols">The BackupKit types of this compilation.</param>
    /// <returns><see langword="true"/> to analyze the compilation's invocations.</returns>
    private protected virtual bool CanAnalyze(BackupKitSymbols symbols) => true;

    /// <summary>Analyzes one invocation of a method declared by BackupKit.</summary>
    /// <param name="context">The context of the invocation, to report diagnostics.</param>
    /// <param name="invocation">The invocation.</param>
    /// <param name="symbols">The BackupKit types of this compilation.</param>
    private protected abstract void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols);

    private void AnalyzeInvocationOperation(OperationAnalysisContext context, BackupKitSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.IsDeclaredByBackupKit(invocation.TargetMethod))
        {
            return;
        }

        // The rules take the node context they always took (reporting, options, cancellation, semantic model); the
        // constructor is marked obsolete only to steer tests to CompilationWithAnalyzers, and the driver still checks
        // every id reported through the operation context.
#pragma warning disable CS0618
        var nodeContext = new SyntaxNodeAnalysisContext(
            invocation.Syntax,
            context.ContainingSymbol,
            invocation.SemanticModel!,
            context.Options,
            context.ReportDiagnostic,
            s_anyDiagnostic,
            context.CancellationToken);
#pragma warning restore CS0618
        AnalyzeInvocation(nodeContext, invocation, symbols);
    }
}
