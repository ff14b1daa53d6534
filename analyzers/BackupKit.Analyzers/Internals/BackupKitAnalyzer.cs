using Microsoft.CodeAnalysis.Diagnostics;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// The base of every BackupKit analyzer. It seals <see cref="Initialize"/> so that no rule can forget the cheap
/// defaults: concurrent execution, no generated code, and no work at all in a compilation that does not reference
/// BackupKit (the well-known types are resolved once per compilation).
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
            var symbols = BackupKitSymbols.TryCreate(start.Compilation);
            if (symbols is not null)
            {
                AnalyzeCompilation(start, symbols);
            }
        });
    }

    /// <summary>Registers the rule's actions for a compilation that references BackupKit.</summary>
    /// <param name="context">The compilation start context.</param>
    /// <param name="symbols">The BackupKit types of this compilation.</param>
    private protected abstract void AnalyzeCompilation(CompilationStartAnalysisContext context, BackupKitSymbols symbols);
}
