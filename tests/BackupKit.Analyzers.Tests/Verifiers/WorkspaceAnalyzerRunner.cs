using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace BackupKit.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs analyzers on one source file (optionally next to an .editorconfig) in a workspace project, as the IDE and the
/// build see it; for the tests that are about the project rather than one diagnostic.
/// </summary>
internal static class WorkspaceAnalyzerRunner
{
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        string source,
        string? editorConfig = null,
        bool referenceBackupKit = true)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Consumer", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .AddMetadataReferences(BackupKitReferences.ForConsumer(referenceBackupKit));

        project = project.AddDocument("Posture.cs", SourceText.From(source), filePath: "/src/Posture.cs").Project;
        if (editorConfig is not null)
        {
            project = project.AddAnalyzerConfigDocument(".editorconfig", SourceText.From(editorConfig), filePath: "/src/.editorconfig").Project;
        }

        var compilation = await project.GetCompilationAsync() ?? throw new InvalidOperationException("The project has no compilation.");
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile: " + string.Join(Environment.NewLine, errors));
        return await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
    }

    public static Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, string source, string? editorConfig = null) =>
        RunAsync(ImmutableArray.Create(analyzer), source, editorConfig);
}
