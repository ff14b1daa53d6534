using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// The base of every BackupKit analyzer. It seals <see cref="Initialize"/> so that no rule can forget the cheap
/// defaults: concurrent execution, no generated code, no work at all in a compilation that does not reference
/// BackupKit (the well-known types are resolved once per compilation), and one invocation operation action as the
/// only work registered in one that does.
/// </summary>
public abstract class BackupKitAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (BackupKitSymbols.TryCreate(start.Compilation) is { } symbols && CanAnalyze(symbols))
            {
                start.RegisterOperationAction(c => AnalyzeInvocation(c, (IInvocationOperation)c.Operation, symbols), OperationKind.Invocation);
            }
        });
    }

    /// <summary>
    /// Gets whether the compilation has the BackupKit types the rule looks at; when it does not, nothing is registered.
    /// </summary>
    /// <param name="symbols">The BackupKit types of this compilation.</param>
    /// <returns><see langword="true"/> to analyze the compilation's invocations.</returns>
    private protected virtual bool CanAnalyze(BackupKitSymbols symbols) => true;

    /// <summary>Analyzes one invocation of a compilation that references BackupKit.</summary>
    /// <param name="context">The operation context, to report diagnostics.</param>
    /// <param name="invocation">The invocation.</param>
    /// <param name="symbols">The BackupKit types of this compilation.</param>
    private protected abstract void AnalyzeInvocation(OperationAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols);
}
