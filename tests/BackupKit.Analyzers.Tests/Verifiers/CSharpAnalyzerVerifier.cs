using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace BackupKit.Analyzers.Tests.Verifiers;

/// <summary>Runs one analyzer on test sources that reference BackupKit (or, with <c>referenceBackupKit: false</c>, do not).</summary>
internal static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The expected diagnostic of a rule of the rules table (a <see cref="BackupKit.Rules.RuleIds"/> constant).</summary>
    public static DiagnosticResult Diagnostic(string ruleId) => new(DiagnosticDescriptors.ForRule(ruleId));

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync(source, referenceBackupKit: true, editorConfig: null, expected);

    /// <summary>Checks that look-alike code in a project without BackupKit gets no diagnostic.</summary>
    public static Task VerifyNoDiagnosticWithoutBackupKitAsync(string source) =>
        VerifyAnalyzerAsync(source, referenceBackupKit: false, editorConfig: null);

    public static async Task VerifyAnalyzerAsync(string source, bool referenceBackupKit, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = BackupKitReferences.Net,
        };
        test.TestState.AdditionalReferences.AddRange(BackupKitReferences.ForConsumer(referenceBackupKit));

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/0/.editorconfig", editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }
}
