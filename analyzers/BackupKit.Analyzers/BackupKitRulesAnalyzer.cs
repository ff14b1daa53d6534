using System.Collections.Immutable;
using System.Linq;
using BackupKit.Analyzers.Internals;
using BackupKit.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BackupKit.Analyzers;

/// <summary>
/// The one analyzer the compiler loads from BackupKit: it runs every BackupKit rule (the classes of
/// <c>Rules/</c>) behind one compilation-start action and one invocation operation action, so the analyzer driver
/// creates state and contexts, dispatches callbacks and walks each method's operations once for BackupKit instead
/// of once per rule. Each BackupKit invocation is handed to every rule that applies to the compilation; the rules,
/// their ids, messages and locations are unchanged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BackupKitRulesAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Why a rule carries no <see cref="DiagnosticAnalyzerAttribute"/> (RS1001 asks for one).</summary>
    internal const string HostsThisRule =
        "Run by BackupKitRulesAnalyzer, the one analyzer the compiler loads; with the attribute the compiler would also run the rule on its own.";

    /// <summary>Creates the analyzer with one instance of every BackupKit rule.</summary>
    public BackupKitRulesAnalyzer()
    {
        // A rule added to Rules/ and not listed here fails CatalogueTests (every BackupKitAnalyzer is hosted).
        Rules = ImmutableArray.Create<BackupKitAnalyzer>(
            new BestPracticeSelectionAnalyzer(),
            new FrameworkControlsAnalyzer(),
            new LifecycleRulesAnalyzer(),
            new NameRulesAnalyzer(),
            new PlanRulesAnalyzer(),
            new PlanWithoutCrossRegionCopyAnalyzer(),
            new PostureRulesAnalyzer(),
            new RestoreTestingRulesAnalyzer(),
            new RuleWithoutRetentionAnalyzer(),
            new ScheduleRulesAnalyzer(),
            new SelectionRulesAnalyzer(),
            new VaultRulesAnalyzer(),
            new VaultWithoutLockAnalyzer());

        // Each id once: the driver rejects a reported id that is not listed, and a descriptor listed twice is noise.
        SupportedDiagnostics = Rules
            .SelectMany(rule => rule.SupportedDiagnostics)
            .GroupBy(descriptor => descriptor.Id)
            .Select(group => group.First())
            .ToImmutableArray();
    }

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>Gets the rules this analyzer runs, in the order it hands them each invocation.</summary>
    internal ImmutableArray<BackupKitAnalyzer> Rules { get; }

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        BackupKitAnalyzer.RegisterRules(context, Rules);
    }
}
