using System.Collections.Immutable;
using System.Globalization;
using BackupKit.Analyzers.Internals;
using BackupKit.Analyzers.Rules;
using BackupKit.Analyzers.Tests.Rules;
using BackupKit.Analyzers.Tests.Verifiers;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BackupKit.Analyzers.Tests;

/// <summary>
/// The host the compiler loads (<see cref="BackupKitRulesAnalyzer"/>) reports exactly what the rules report when the
/// compiler runs each as an analyzer of its own, as it did before the host: same ids, locations, messages and
/// severities, on the corpus of the parity and fix tests, with and without rules switched off in .editorconfig.
/// </summary>
public sealed class HostParityTests
{
    // The recommendations on selections and restore tests (BK1006, BK1008), which no parity sample declares, next to
    // rules that report on the same calls.
    internal const string SelectionsSource = /* lang=c#-test */ """
        using System;
        using BackupKit.Building;
        using BackupKit.Model;

        class C
        {
            const string Orders = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";

            BackupPosture M() => BackupPosture.Create()
                .AddVault("prod")
                .AddPlan("prod", p => p
                    .AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Retention.Days(35)))
                    .Select("tables", s => s.Include(Orders, "arn:aws:dynamodb:us-east-1:123456789012:table/customers").Except(Orders))
                    .Select("bad selection", s => s.Include(Orders)))
                .AddRestoreTestingPlan("weekly_restore", t => t
                    .Weekly(DayOfWeek.Sunday).LatestRecoveryPoint().FromAllVaults()
                    .Test("tables", "DynamoDB", ts => ts.AllProtectedResources())
                    .Test("volumes", "EBS", ts => ts.AllProtectedResources().ValidateWithin(TimeSpan.FromHours(0))))
                .Build();
        }
        """;

    public static TheoryData<string> Corpus() => new()
    {
        nameof(CompileTimeRunTimeParityTests) + "." + nameof(CompileTimeRunTimeParityTests.Source),
        nameof(CompileTimeRunTimeParityTests) + "." + nameof(CompileTimeRunTimeParityTests.AcceptedSource),
        nameof(FormerEagerChecksParityTests) + "." + nameof(FormerEagerChecksParityTests.Source),
        nameof(FrameworkControlsParityTests) + "." + nameof(FrameworkControlsParityTests.Source),
        nameof(PolicyFixTests) + "." + nameof(PolicyFixTests.UnlockedVaults),
        nameof(PolicyFixTests) + "." + nameof(PolicyFixTests.RulesWithoutRetention),
        nameof(PolicyFixTests) + "." + nameof(PolicyFixTests.RulesIntoLockedVaults),
        nameof(BackupKitNotReferencedTests) + "." + nameof(BackupKitNotReferencedTests.LookalikeSource),
        nameof(HostParityTests) + "." + nameof(SelectionsSource),
    };

    private static readonly Dictionary<string, string> s_sources = new(StringComparer.Ordinal)
    {
        [nameof(CompileTimeRunTimeParityTests) + "." + nameof(CompileTimeRunTimeParityTests.Source)] = CompileTimeRunTimeParityTests.Source,
        [nameof(CompileTimeRunTimeParityTests) + "." + nameof(CompileTimeRunTimeParityTests.AcceptedSource)] = CompileTimeRunTimeParityTests.AcceptedSource,
        [nameof(FormerEagerChecksParityTests) + "." + nameof(FormerEagerChecksParityTests.Source)] = FormerEagerChecksParityTests.Source,
        [nameof(FrameworkControlsParityTests) + "." + nameof(FrameworkControlsParityTests.Source)] = FrameworkControlsParityTests.Source,
        [nameof(PolicyFixTests) + "." + nameof(PolicyFixTests.UnlockedVaults)] = PolicyFixTests.UnlockedVaults,
        [nameof(PolicyFixTests) + "." + nameof(PolicyFixTests.RulesWithoutRetention)] = PolicyFixTests.RulesWithoutRetention,
        [nameof(PolicyFixTests) + "." + nameof(PolicyFixTests.RulesIntoLockedVaults)] = PolicyFixTests.RulesIntoLockedVaults,
        [nameof(BackupKitNotReferencedTests) + "." + nameof(BackupKitNotReferencedTests.LookalikeSource)] = BackupKitNotReferencedTests.LookalikeSource,
        [nameof(HostParityTests) + "." + nameof(SelectionsSource)] = SelectionsSource,
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Host_ReportsWhatTheRulesReportOnTheirOwn(string sample)
    {
        var source = s_sources[sample];

        var byHost = Describe(await WorkspaceAnalyzerRunner.RunAsync([AnalyzerCatalog.Host], source));
        var byRules = Describe(await WorkspaceAnalyzerRunner.RunAsync(Separately(), source));

        Assert.Equal(byRules, byHost);
    }

    [Fact]
    public async Task Corpus_ExercisesEveryHostedRule()
    {
        // Without this the comparison above could pass on samples that leave some rule silent.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in s_sources.Values)
        {
            reported.UnionWith((await WorkspaceAnalyzerRunner.RunAsync([AnalyzerCatalog.Host], source)).Select(d => d.Id));
        }

        Assert.All(AnalyzerCatalog.Host.Rules, rule => Assert.True(
            rule.SupportedDiagnostics.Any(d => reported.Contains(d.Id)),
            $"No sample of the corpus makes {rule.GetType().Name} report; add one to HostParityTests.Corpus."));
    }

    [Fact]
    public async Task RuleSwitchedOffInEditorConfig_IsSilentInTheHost_AndTheOtherRulesStillReport()
    {
        // Every id of VaultWithoutLockAnalyzer (BK1003) and of LifecycleRulesAnalyzer (BK3001-BK3005) is off.
        BackupKitAnalyzer[] off = [new VaultWithoutLockAnalyzer(), new LifecycleRulesAnalyzer()];
        var switchedOff = off
            .SelectMany(r => r.SupportedDiagnostics)
            .Select(d => d.Id)
            .ToHashSet(StringComparer.Ordinal);
        var editorConfig = "root = true\n\n[*.cs]\n" + string.Concat(switchedOff.Select(id => $"dotnet_diagnostic.{id}.severity = none\n"));
        var source = CompileTimeRunTimeParityTests.Source;

        var byHost = await WorkspaceAnalyzerRunner.RunAsync([AnalyzerCatalog.Host], source, editorConfig);
        var byRules = await WorkspaceAnalyzerRunner.RunAsync(Separately(), source, editorConfig);
        var unconfigured = await WorkspaceAnalyzerRunner.RunAsync([AnalyzerCatalog.Host], source);

        Assert.Contains(unconfigured, d => d.Id == RuleIds.VaultWithoutLock);
        Assert.Contains(unconfigured, d => d.Id == RuleIds.ColdToDeleteGap);
        Assert.DoesNotContain(byHost, d => switchedOff.Contains(d.Id));
        Assert.Contains(byHost, d => d.Id == RuleIds.PlanWithoutCrossRegionCopy);
        Assert.Equal(Describe(byRules), Describe(byHost));
    }

    // The hosted rules as separate analyzers: what the compiler ran before the host.
    private static ImmutableArray<DiagnosticAnalyzer> Separately() =>
        AnalyzerCatalog.Rules.Cast<DiagnosticAnalyzer>().ToImmutableArray();

    private static List<string> Describe(ImmutableArray<Diagnostic> diagnostics) => diagnostics
        .Select(d => $"{d.Id} {d.Severity} {d.Location.GetLineSpan()}: {d.GetMessage(CultureInfo.InvariantCulture)}")
        .Order(StringComparer.Ordinal)
        .ToList();
}
