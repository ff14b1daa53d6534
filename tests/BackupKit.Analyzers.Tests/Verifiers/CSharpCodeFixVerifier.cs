using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace BackupKit.Analyzers.Tests.Verifiers;

/// <summary>Runs one analyzer and its code fix on test sources that reference BackupKit.</summary>
internal static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>The expected diagnostic of a rule of the rules table (a <see cref="BackupKit.Rules.RuleIds"/> constant).</summary>
    public static DiagnosticResult Diagnostic(string ruleId) => new(DiagnosticDescriptors.ForRule(ruleId));

    public static async Task VerifyCodeFixAsync(string source, string fixedSource, string equivalenceKey, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            ReferenceAssemblies = BackupKitReferences.Net,
        };
        test.TestState.AdditionalReferences.AddRange(BackupKitReferences.ForConsumer());

        // The policy fixes (BK1001, BK1003) run in bulk only when the project opts in; these tests check Fix All too.
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + BackupKit.Analyzers.CodeFixes.PolicyFixAllProvider.OptInOption + " = true\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }
}
