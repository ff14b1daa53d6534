using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// The base of every BackupKit analyzer. It seals <see cref="Initialize"/> so that no rule can forget the cheap
/// defaults: concurrent execution, no generated code, no work at all in a compilation that does not reference
/// BackupKit (the well-known types are resolved once per compilation), and one invocation syntax action as the only
/// work registered in one that does. The syntax action looks at the invoked name first and asks for the invocation's
/// operation only when the name is one of BackupKit's builder or model methods, so ordinary code never pays for
/// operation trees on BackupKit's behalf.
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
                start.RegisterSyntaxNodeAction(c => AnalyzeInvocationSyntax(c, symbols), SyntaxKind.InvocationExpression);
            }
        });
    }

    /// <summary>
    /// Gets whether the compilation has the BackupKit types the rule looks at; when it does not, nothing is registered.
    /// </summary>
    /// <param name="symbols">The BackupKit types of this compilation.</param>
    /// <returns><see langword="true"/> to analyze the compilation's invocations.</returns>
    private protected virtual bool CanAnalyze(BackupKitSymbols symbols) => true;

    /// <summary>Analyzes one invocation of a BackupKit builder or model method.</summary>
    /// <param name="context">The syntax node context, to report diagnostics.</param>
    /// <param name="invocation">The invocation.</param>
    /// <param name="symbols">The BackupKit types of this compilation.</param>
    private protected abstract void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols);

    private void AnalyzeInvocationSyntax(SyntaxNodeAnalysisContext context, BackupKitSymbols symbols)
    {
        var syntax = (InvocationExpressionSyntax)context.Node;
        if (InvokedName(syntax.Expression) is not { } name || !symbols.MethodNames.Contains(name))
        {
            return;
        }

        if (context.SemanticModel.GetOperation(syntax, context.CancellationToken) is IInvocationOperation invocation)
        {
            AnalyzeInvocation(context, invocation, symbols);
        }
    }

    // The simple name of the invoked member: `x.Name(...)`, `x?.Name(...)`, `Name(...)` or `Name<T>(...)`.
    private static string? InvokedName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name.Identifier.ValueText,
        SimpleNameSyntax simpleName => simpleName.Identifier.ValueText,
        _ => null,
    };
}
