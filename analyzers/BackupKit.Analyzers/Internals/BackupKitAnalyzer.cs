using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// The base of every BackupKit rule. It seals <see cref="Initialize"/> so that no rule can forget the cheap
/// defaults: concurrent execution, no generated code, no work at all in a compilation that does not reference
/// BackupKit (the well-known types are resolved once per compilation), and one invocation operation action as the
/// only work registered in one that does. The action compares the invoked method's assembly with BackupKit's by
/// reference before anything else, so ordinary code costs one comparison per call: the operation trees are the
/// ones the compiler's analyzer driver builds once for every analyzer of the build (the SDK's own analyzers use
/// them), and no BackupKit rule binds a file, asks for a semantic model or walks a syntax tree on its own.
/// </summary>
/// <remarks>
/// The compiler does not load the rules one by one: they carry no <see cref="DiagnosticAnalyzerAttribute"/>, and
/// <see cref="BackupKitRulesAnalyzer"/> hosts all of them behind one registration (<see cref="RegisterRules"/>), so the
/// driver's per-analyzer work (state, contexts, callback dispatch, the walk of each method's operations) is done
/// once per build instead of once per rule. A rule alone (as its tests run it) registers through the same code.
/// </remarks>
public abstract class BackupKitAnalyzer : DiagnosticAnalyzer
{
    private static readonly Func<Diagnostic, bool> s_anyDiagnostic = static _ => true;

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        // The two defaults are set here and in the host, by each Initialize itself, as RS1025/RS1026 check.
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        RegisterRules(context, ImmutableArray.Create(this));
    }

    /// <summary>
    /// Registers <paramref name="rules"/> as the work of one analyzer (whose Initialize has already enabled concurrent
    /// execution and turned off generated code): one compilation-start action that resolves BackupKit's
    /// types once and keeps the rules that can analyze the compilation, and, only when one can, one invocation
    /// operation action that checks the invoked method's assembly once and hands each BackupKit invocation to every
    /// kept rule with one shared context.
    /// </summary>
    /// <param name="context">The analysis context of the registering analyzer.</param>
    /// <param name="rules">The rules to run; the registering analyzer supports all their diagnostics.</param>
    internal static void RegisterRules(AnalysisContext context, ImmutableArray<BackupKitAnalyzer> rules)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (BackupKitSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            var applicable = ApplicableRules(rules, symbols);
            if (!applicable.IsEmpty)
            {
                start.RegisterOperationAction(c => AnalyzeInvocationOperation(c, symbols, applicable), OperationKind.Invocation);
            }
        });
    }

    /// <summary>
    /// Gets whether the compilation has the BackupKit types the rule looks at; when it does not, the rule is not run.
    /// </summary>
    /// <param name="symbols">The BackupKit types of this compilation.</param>
    /// <returns><see langword="true"/> to analyze the compilation's invocations.</returns>
    private protected virtual bool CanAnalyze(BackupKitSymbols symbols) => true;

    /// <summary>Analyzes one invocation of a method declared by BackupKit.</summary>
    /// <param name="context">The context of the invocation, to report diagnostics.</param>
    /// <param name="invocation">The invocation.</param>
    /// <param name="symbols">The BackupKit types of this compilation.</param>
    private protected abstract void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols);

    // Per-rule suppression: the rules are not filtered by the severity the user configured for their ids. The
    // driver skips the whole host when every BackupKit id is off, and drops every diagnostic of an id that is off
    // (command line, rule set, global config or .editorconfig, with the compiler's own precedence), so the result is
    // the same. What a switched-off rule still costs is its check of BackupKit's own invocations (tens per project,
    // after the one assembly comparison that every call pays anyway); mirroring the compiler's precedence per rule
    // and per file here would cost about as much and could drift from the compiler's.
    private static ImmutableArray<BackupKitAnalyzer> ApplicableRules(ImmutableArray<BackupKitAnalyzer> rules, BackupKitSymbols symbols)
    {
        var applicable = ImmutableArray.CreateBuilder<BackupKitAnalyzer>(rules.Length);
        foreach (var rule in rules)
        {
            if (rule.CanAnalyze(symbols))
            {
                applicable.Add(rule);
            }
        }

        return applicable.Count == rules.Length ? rules : applicable.ToImmutable();
    }

    private static void AnalyzeInvocationOperation(OperationAnalysisContext context, BackupKitSymbols symbols, ImmutableArray<BackupKitAnalyzer> rules)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.IsDeclaredByBackupKit(invocation.TargetMethod))
        {
            return;
        }

        // The rules take the node context they always took (reporting, options, cancellation, semantic model); the
        // constructor is marked obsolete only to steer tests to CompilationWithAnalyzers, and the driver still checks
        // every id reported through the operation context against the registering analyzer's supported ids.
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
        // Not caught per rule: a rule that throws is a bug the driver reports (AD0001, naming the host and the
        // exception's stack), and catching it here would hide it.
        foreach (var rule in rules)
        {
            rule.AnalyzeInvocation(nodeContext, invocation, symbols);
        }
    }
}
