using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace BackupKit.Analyzers.Tests.Verifiers;

/// <summary>Runs one analyzer on test sources that reference BackupKit (or, with <c>referenceBackupKit: false</c>, do not).</summary>
internal static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync(source, referenceBackupKit: true, editorConfig: null, expected);

    public static async Task VerifyAnalyzerAsync(string source, bool referenceBackupKit, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = BackupKitReferences.Net,
        };
        test.TestState.AdditionalReferences.AddRange(BackupKitReferences.Framework);
        if (referenceBackupKit)
        {
            test.TestState.AdditionalReferences.Add(BackupKitReferences.BackupKit);
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/0/.editorconfig", editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }
}
