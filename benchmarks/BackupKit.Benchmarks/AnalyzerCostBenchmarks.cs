using System.Collections.Immutable;
using System.Reflection;
using BackupKit.Analyzers;
using BackupKit.Model;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BackupKit.Benchmarks;

/// <summary>
/// What BackupKit's analyzers add to compiling a 1,000-file project (goal: under 3% of <c>dotnet build</c>).
/// The baseline binds every file and computes the compiler's diagnostics; the BackupKit benchmark does the same with
/// the analyzer the package ships (<see cref="BackupKitRulesAnalyzer"/>, the one host of every rule) running on the
/// shared compilation. Two controls register an invocation action and do nothing: the operation control (an
/// <c>OperationKind.Invocation</c> action, what the host registers) isolates the analyzer driver and the operation
/// trees of every method body, a cost a real build already pays for the SDK's own analyzers; the syntax control (a
/// <c>SyntaxKind.InvocationExpression</c> action) isolates the driver alone. BackupKit's own share is
/// (BackupKit − baseline) / baseline, and against the operation control it is the analysis itself. Binding is only
/// part of a build (no emit, no MSBuild), so this over-states the share of a whole build.
/// 50 of the files declare postures with BackupKit's builders; the rest are ordinary application code.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerCostBenchmarks
{
    private const int Files = 1000;
    private const int PostureFiles = 50;

    private CSharpCompilation _compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [GlobalSetup]
    public void Setup()
    {
        var trees = new List<SyntaxTree>(Files);
        for (var i = 0; i < Files; i++)
        {
            var text = i < PostureFiles ? PostureFile(i) : ApplicationFile(i);
            trees.Add(CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: $"File{i}.cs"));
        }

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(BackupPosture).Assembly.Location))
            .ToList();
        _compilation = CSharpCompilation.Create(
            "OneThousandFiles",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // What the compiler loads from the package: the analyzers with [DiagnosticAnalyzer], which is the one host of
        // every BackupKit rule (the rules alone carry no attribute), so the benchmark measures what ships.
        _analyzers = typeof(BackupKitRulesAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        if (_analyzers is not [BackupKitRulesAnalyzer])
        {
            throw new InvalidOperationException(
                $"Expected BackupKitRulesAnalyzer as the only analyzer the compiler loads, found: {string.Join(", ", _analyzers.Select(a => a.GetType().Name))}.");
        }

        var errors = _compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The generated project does not compile: " + errors[0]);
        }
    }

    [Benchmark(Baseline = true)]
    public int CompilerDiagnostics()
    {
        // A fresh compilation each time, so nothing bound in an earlier run is reused: binds every file, as a build does.
        return _compilation.Clone().GetDiagnostics().Length;
    }

    [Benchmark]
    public async Task<int> CompilerDiagnosticsWithNoOpInvocationAnalyzer()
    {
        // The control: the analyzer driver and the operation trees an invocation action needs, with no analysis.
        // A real build pays these already for the SDK's own analyzers (CA rules register operation actions too).
        var withAnalyzers = _compilation.Clone().WithAnalyzers([new NoOpInvocationAnalyzer()], new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync().ConfigureAwait(false);
        return diagnostics.Length;
    }

    [Benchmark]
    public async Task<int> CompilerDiagnosticsWithNoOpInvocationSyntaxAnalyzer()
    {
        // The control for what BackupKit's analyzers register: the analyzer driver walking every invocation's syntax,
        // with no operation trees and no analysis.
        var withAnalyzers = _compilation.Clone().WithAnalyzers([new NoOpInvocationSyntaxAnalyzer()], new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync().ConfigureAwait(false);
        return diagnostics.Length;
    }

    [Benchmark]
    public async Task<int> CompilerDiagnosticsWithBackupKitAnalyzers()
    {
        // The same binding work, shared with BackupKit's analyzers as the compiler shares it during a build.
        var withAnalyzers = _compilation.Clone().WithAnalyzers(_analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync().ConfigureAwait(false);
        return diagnostics.Length;
    }

    // A measurement control loaded in-process by the benchmark, never by a compiler: the analyzer-authoring rules
    // about target framework, extended rules and release tracking do not apply to it.
#pragma warning disable RS1041, RS1036, RS2008
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOpInvocationAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("NOOP0001", "never", "never", "Control", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Never];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOpInvocationSyntaxAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("NOOP0002", "never", "never", "Control", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Never];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(static _ => { }, SyntaxKind.InvocationExpression);
        }
    }
#pragma warning restore RS1041, RS1036, RS2008

    private static string PostureFile(int i) => $$"""
        using System;
        using BackupKit.Model;

        namespace App.Backup{{i}};

        public static class Posture{{i}}
        {
            public static BackupPosture Build() => BackupPosture.Create()
                .AddVault("primary-{{i}}", v => v.Lock(l => l.Governance().MinRetention(Retention.Days(7)).MaxRetention(Retention.Days(3650))))
                .AddPlan("plan-{{i}}", p => p
                    .AddRule("daily", r => r.Daily(new TimeOnly(5, 0)).InVault("primary-{{i}}").StartWithin(TimeSpan.FromHours(1)).DeleteAfter(Retention.Days(35)).CopyTo("arn:aws:backup:eu-west-1:123456789012:backup-vault:dr", c => c.DeleteAfter(Retention.Days(35))))
                    .AddRule("monthly", r => r.Monthly(1, new TimeOnly(5, 0)).InVault("primary-{{i}}").MoveToColdStorageAfter(Retention.Days(30)).DeleteAfter(Retention.Days(365)))
                    .Select("tagged", s => s.WhereTag("backup", "daily")))
                .Build();
        }
        """;

    private static string ApplicationFile(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        namespace App.Code{{i % 40}};

        public sealed record Order{{i}}(Guid Id, string Customer, decimal Amount, DateTimeOffset PlacedAt);

        public sealed class OrderService{{i}}
        {
            private readonly Dictionary<Guid, Order{{i}}> _orders = new();

            public void Add(Order{{i}} order) => _orders[order.Id] = order;

            public IReadOnlyList<Order{{i}}> Largest(int count) =>
                _orders.Values.OrderByDescending(o => o.Amount).ThenBy(o => o.PlacedAt).Take(count).ToList();

            public async Task<decimal> TotalAsync(string customer, CancellationToken cancellationToken)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                decimal total = 0;
                foreach (var order in _orders.Values)
                {
                    if (string.Equals(order.Customer, customer, StringComparison.Ordinal))
                    {
                        total += order.Amount;
                    }
                }

                return total;
            }

            public string Describe(Order{{i}} order) => order.Amount switch
            {
                > 1000m => $"large order {order.Id} for {order.Customer}",
                > 100m => $"medium order {order.Id}",
                _ => "small order",
            };
        }
        """;
}
