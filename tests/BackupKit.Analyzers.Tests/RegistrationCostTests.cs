using System.Collections.Immutable;
using BackupKit.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace BackupKit.Analyzers.Tests;

/// <summary>
/// What the analyzers cost a build is decided by what they register (performance-and-retries.md section 4): the
/// compiler loads one analyzer, <see cref="BackupKitRulesAnalyzer"/>, which hosts every rule, so the driver's
/// per-analyzer work is done once for BackupKit; it and every rule on its own register one compilation-start action
/// and only one invocation operation action (on the operation trees the analyzer driver builds once for every analyzer,
/// skipping any method not declared by BackupKit after one comparison), never syntax-node, syntax-tree,
/// semantic-model or compilation-end work that would walk or bind every file on BackupKit's behalf, and nothing at
/// all in a project that does not reference BackupKit. benchmarks/analyzer-build-cost measures the result in a
/// real build.
/// </summary>
public sealed class RegistrationCostTests
{
    private const string Source = /* lang=c#-test */ """
        using BackupKit.Building;
        using BackupKit.Model;

        public static class Posture
        {
            public static BackupPosture Declare() => BackupPosture.Create()
                .AddVault("prod", v => v.Lock(VaultLock.Governance()))
                .AddPlan("daily", p => p.AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Retention.Days(35))))
                .Build();
        }
        """;

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.Names), MemberType = typeof(AnalyzerCatalog))]
    public async Task WithBackupKit_RegistersOnlyOneInvocationOperationAction(string name)
    {
        var telemetry = await GetTelemetryAsync(AnalyzerCatalog.Get(name), Source, referenceBackupKit: true);

        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(1, telemetry.OperationActionsCount);
        Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
        Assert.Equal(0, telemetry.SyntaxTreeActionsCount);
        Assert.Equal(0, telemetry.SemanticModelActionsCount);
        Assert.Equal(0, telemetry.SymbolActionsCount);
        Assert.Equal(0, telemetry.OperationBlockActionsCount);
        Assert.Equal(0, telemetry.CodeBlockActionsCount);
        Assert.Equal(0, telemetry.CompilationEndActionsCount);
    }

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.Names), MemberType = typeof(AnalyzerCatalog))]
    public async Task WithoutBackupKit_RegistersNothingAfterTheStartCheck(string name)
    {
        var telemetry = await GetTelemetryAsync(AnalyzerCatalog.Get(name), "public static class Plain { public static int M() => 42; }", referenceBackupKit: false);

        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
        Assert.Equal(0, telemetry.SemanticModelActionsCount);
    }

    private static async Task<AnalyzerTelemetryInfo> GetTelemetryAsync(DiagnosticAnalyzer analyzer, string source, bool referenceBackupKit)
    {
        var compilation = CSharpCompilation.Create(
            "Cost",
            [CSharpSyntaxTree.ParseText(source)],
            BackupKitReferences.ForConsumer(referenceBackupKit),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create(analyzer),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
    }
}
