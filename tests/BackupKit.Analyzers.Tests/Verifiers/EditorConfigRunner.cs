using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace BackupKit.Analyzers.Tests.Verifiers;

/// <summary>Runs an analyzer on one source file next to an .editorconfig, in a workspace project as the IDE and the build see it.</summary>
internal static class EditorConfigRunner
{
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, string source, string editorConfig)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Consumer", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .AddMetadataReferences(BackupKitReferences.Framework)
            .AddMetadataReference(BackupKitReferences.BackupKit);
        project = project.AddDocument("Posture.cs", SourceText.From(source), filePath: "/src/Posture.cs").Project;
        project = project.AddAnalyzerConfigDocument(".editorconfig", SourceText.From(editorConfig), filePath: "/src/.editorconfig").Project;

        var compilation = await project.GetCompilationAsync() ?? throw new InvalidOperationException("The project has no compilation.");
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile: " + string.Join(Environment.NewLine, errors));
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
    }
}
