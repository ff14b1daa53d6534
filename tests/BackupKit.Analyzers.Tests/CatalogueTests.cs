extern alias runtime;

using System.Reflection;
using System.Text.RegularExpressions;
using BackupKit.Analyzers.CodeFixes.Rules;
using BackupKit.Analyzers.Internals;
using BackupKit.Analyzers.Tests.Packaging;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using RuntimeCatalog = runtime::BackupKit.Rules.RuleCatalog;
using RuntimeSeverity = runtime::BackupKit.Rules.RuleSeverity;

namespace BackupKit.Analyzers.Tests;

/// <summary>The descriptor catalogue: ids, help links, docs pages, release tracking, and agreement with the runtime rules table.</summary>
public sealed partial class CatalogueTests
{
    // What the compiler sees: the ids of the analyzers it loads.
    private static readonly DiagnosticDescriptor[] s_supported = AnalyzerCatalog.Registered
        .SelectMany(a => a.SupportedDiagnostics)
        .DistinctBy(d => d.Id)
        .ToArray();

    [Fact]
    public void EveryAnalyzer_IsARuleOnTheBaseThatSealsTheCheapDefaults_OrTheHost()
    {
        var analyzerTypes = typeof(BackupKitAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .ToList();

        Assert.NotEmpty(AnalyzerCatalog.Rules);
        Assert.All(analyzerTypes, t => Assert.True(
            t == typeof(BackupKitRulesAnalyzer) || typeof(BackupKitAnalyzer).IsAssignableFrom(t),
            $"{t.Name} is neither a BackupKitAnalyzer nor the rules host."));
    }

    [Fact]
    public void TheCompilerLoadsOnlyTheHost_NoRuleOnItsOwn()
    {
        Assert.Single(AnalyzerCatalog.Registered);
        Assert.IsType<BackupKitRulesAnalyzer>(AnalyzerCatalog.Registered[0]);
        Assert.All(AnalyzerCatalog.Rules, rule => Assert.True(
            rule.GetType().GetCustomAttribute<DiagnosticAnalyzerAttribute>() is null,
            $"{rule.GetType().Name} carries [DiagnosticAnalyzer]: the compiler would run it beside the host, twice in all."));
    }

    [Fact]
    public void TheHost_RunsEveryRuleOfTheAssemblyOnce()
    {
        var hosted = AnalyzerCatalog.Host.Rules.Select(r => r.GetType().Name).ToList();

        Assert.Equal(hosted.Count, hosted.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            AnalyzerCatalog.Rules.Select(r => r.GetType().Name).Order(StringComparer.Ordinal),
            hosted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheHost_SupportsEveryIdOfEveryHostedRule_EachOnce()
    {
        var host = AnalyzerCatalog.Host;
        var supported = host.SupportedDiagnostics.Select(d => d.Id).ToList();

        Assert.Equal(supported.Count, supported.Distinct(StringComparer.Ordinal).Count());
        Assert.All(host.Rules, rule => Assert.All(rule.SupportedDiagnostics, descriptor => Assert.True(
            host.SupportedDiagnostics.Contains(descriptor),
            $"{descriptor.Id} of {rule.GetType().Name} is missing from the host's SupportedDiagnostics.")));
        Assert.Equal(
            host.Rules.SelectMany(r => r.SupportedDiagnostics).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal),
            supported.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDiagnostic_HasABackupKitIdAHelpLinkAndADocsPage()
    {
        Assert.All(s_supported, descriptor =>
        {
            Assert.Matches(IdPattern(), descriptor.Id);
            Assert.Equal($"https://github.com/backupkit/backupkit/blob/main/docs/rules/{descriptor.Id}.md", descriptor.HelpLinkUri);
            Assert.True(
                File.Exists(Path.Combine(RepositoryPaths.Root, "docs", "rules", descriptor.Id + ".md")),
                $"docs/rules/{descriptor.Id}.md is missing.");
            Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
        });
    }

    [Fact]
    public void EachId_IsDescribedOnce()
    {
        var descriptors = AnalyzerCatalog.Rules.SelectMany(a => a.SupportedDiagnostics).ToList();

        Assert.All(descriptors.GroupBy(d => d.Id), group => Assert.Single(group.Distinct()));
    }

    [Fact]
    public void Recommendations_AreWarningsOfTheRulesTable()
    {
        string[] recommendations = [RuleIds.RuleWithoutRetention, RuleIds.PlanWithoutCrossRegionCopy, RuleIds.VaultWithoutLock];

        Assert.All(recommendations, id =>
        {
            var rule = Assert.Single(RuntimeCatalog.All, r => r.Id == id);
            Assert.Equal(RuntimeSeverity.Warning, rule.DefaultSeverity);
            var descriptor = Assert.Single(s_supported, d => d.Id == id);
            Assert.Equal("BackupKit.BestPractice", descriptor.Category);
            Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        });
    }

    [Fact]
    public void RuleDescriptors_AgreeWithTheRuntimeRulesTable()
    {
        Assert.NotEmpty(s_supported);
        Assert.All(s_supported, descriptor =>
        {
            var rule = Assert.Single(RuntimeCatalog.All, r => r.Id == descriptor.Id);
            Assert.Equal(rule.Title, descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(rule.MessageFormat, descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(rule.DefaultSeverity == RuntimeSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
            Assert.Equal("BackupKit." + rule.Category, descriptor.Category);
            Assert.Equal(rule.HelpLink, descriptor.HelpLinkUri);
        });
    }

    [Fact]
    public void ReleaseTracking_ListsNoRule_TheRulesTableIsTheRecord()
    {
        // Release tracking cannot see descriptors made from the table; a listed id would fail the build (RS2002).
        var unshipped = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "analyzers", "BackupKit.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.DoesNotContain(unshipped, line => line.StartsWith("BK", StringComparison.Ordinal));
        Assert.Contains(unshipped, line => line.Contains("src/BackupKit/Rules/RuleCatalog.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryCodeFix_FixesAKnownIdWithAnIdPrefixedKeyAndFixAll()
    {
        CodeFixProvider[] fixes = [new AddRetentionCodeFixProvider(), new AddVaultLockCodeFixProvider()];
        var fixerTypes = typeof(AddRetentionCodeFixProvider).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t));
        Assert.Equal(fixerTypes.OrderBy(t => t.Name), fixes.Select(f => f.GetType()).OrderBy(t => t.Name));

        Assert.All(fixes, fix =>
        {
            var id = Assert.Single(fix.FixableDiagnosticIds);
            Assert.Contains(s_supported, d => d.Id == id);
            var key = (string)fix.GetType().GetField("EquivalenceKey")!.GetValue(null)!;
            Assert.StartsWith(id + "_", key, StringComparison.Ordinal);
            // Both fixes write backup policy: Fix All and dotnet format apply them only when the project opts in.
            Assert.Same(BackupKit.Analyzers.CodeFixes.PolicyFixAllProvider.Instance, fix.GetFixAllProvider());
        });
    }

    [Fact]
    public void RulesReadme_AnalyzerColumnMatchesWhatTheAnalyzersReport()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "rules", "README.md"))
            .Select(line => ReadmeRow().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => match.Groups["id"].Value, match => match.Groups["analyzer"].Value, StringComparer.Ordinal);
        Assert.NotEmpty(rows);

        Assert.All(rows, row =>
        {
            var reportedBy = AnalyzerCatalog.Rules
                .Where(a => a.SupportedDiagnostics.Any(d => d.Id == row.Key))
                .Select(a => a.GetType().Name)
                .ToList();
            if (row.Value.Length == 0)
            {
                Assert.True(reportedBy.Count == 0, $"{row.Key} is reported by {string.Join(", ", reportedBy)}; update docs/rules/README.md.");
            }
            else
            {
                Assert.True(reportedBy.Contains(row.Value), $"docs/rules/README.md says {row.Value} reports {row.Key}, but it does not.");
            }
        });
        Assert.All(s_supported, descriptor => Assert.Contains(descriptor.Id, rows.Keys));
    }

    // A row of the rules-table tables: its id, and the analyzer named in its last column ("yes (`X`, ...)") or empty.
    [GeneratedRegex(@"^\| \[(?<id>BK[1-9]\d{3})\]\(.*\| (?:yes \(`(?<analyzer>\w+)`[^|]*|no[^|]*) \|$")]
    private static partial Regex ReadmeRow();

    [GeneratedRegex(@"^BK\d{4}$")]
    private static partial Regex IdPattern();
}
