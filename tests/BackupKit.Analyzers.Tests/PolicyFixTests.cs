using System.Collections.Immutable;
using BackupKit.Analyzers.CodeFixes;
using BackupKit.Analyzers.CodeFixes.Rules;
using BackupKit.Analyzers.Rules;
using BackupKit.Analyzers.Tests.Verifiers;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace BackupKit.Analyzers.Tests;

/// <summary>
/// The fixes that write backup policy (BK1001 retention, BK1003 Vault Lock) are offered one at a time, but a bulk
/// run (Fix All, which is how <c>dotnet format</c> applies fixes) writes nothing unless the project opts in with
/// <c>backupkit.allow_policy_fixes_in_format = true</c>; and no fix proposes a value another rule refuses.
/// </summary>
public sealed class PolicyFixTests
{
    internal const string UnlockedVaults = /* lang=c#-test */ """
        using BackupKit.Building;
        using BackupKit.Model;

        class C
        {
            BackupPosture M() => BackupPosture.Create()
                .AddVault("logs", v => v.Tag("env", "prod"))
                .AddVault("archive")
                .Build();
        }
        """;

    internal const string RulesWithoutRetention = /* lang=c#-test */ """
        using BackupKit.Building;
        using BackupKit.Model;

        class C
        {
            BackupPosture M() => BackupPosture.Create()
                .AddPlan("daily", p => p
                    .AddRule("pitr", r => r.EnableContinuousBackup())
                    .AddRule("pitr-cold", r => r.EnableContinuousBackup().MoveToColdStorageAfter(Retention.Days(30)))
                    .AddRule("cold", r => r.MoveToColdStorageAfter(Retention.Days(30))))
                .Build();
        }
        """;

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public async Task WithoutOptIn_FixAllWritesNoVaultLock(string? option)
    {
        var (document, diagnostics) = await AnalyzeAsync(new VaultWithoutLockAnalyzer(), UnlockedVaults, option);
        Assert.Equal(2, diagnostics.Length);

        var action = await FixAllAsync(new AddVaultLockCodeFixProvider(), AddVaultLockCodeFixProvider.EquivalenceKey, document, diagnostics);

        Assert.Null(action);
    }

    [Fact]
    public async Task WithOptIn_FixAllLocksEveryVault()
    {
        var (document, diagnostics) = await AnalyzeAsync(new VaultWithoutLockAnalyzer(), UnlockedVaults, "true");

        var action = await FixAllAsync(new AddVaultLockCodeFixProvider(), AddVaultLockCodeFixProvider.EquivalenceKey, document, diagnostics);

        var changed = await ApplyAsync(Assert.IsAssignableFrom<CodeAction>(action), document);
        Assert.Equal(2, changed.Split("VaultLock.Governance()").Length - 1);
    }

    [Fact]
    public async Task WithoutOptIn_TheSingleFixIsStillOffered()
    {
        var (document, diagnostics) = await AnalyzeAsync(new VaultWithoutLockAnalyzer(), UnlockedVaults, option: null);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostics[0], (action, _) => actions.Add(action), CancellationToken.None);

        await new AddVaultLockCodeFixProvider().RegisterCodeFixesAsync(context);

        Assert.Single(actions);
    }

    [Fact]
    public async Task RetentionFix_NeverProposesAValueAnotherRuleRefuses()
    {
        var (document, diagnostics) = await AnalyzeAsync(new RuleWithoutRetentionAnalyzer(), RulesWithoutRetention, option: null);
        Assert.Equal(3, diagnostics.Length);

        var offered = await OfferedRetentionFixesAsync(document, diagnostics);

        // Continuous backup keeps at most 35 days (BK3004); with cold storage as well, no retention satisfies BK3003
        // and BK3004 together, so nothing is proposed until BK3005 is resolved; cold storage alone gets its 90 days.
        Assert.Contains("r.EnableContinuousBackup().DeleteAfter(Retention.Days(35))", offered["pitr"], StringComparison.Ordinal);
        Assert.DoesNotContain("pitr-cold", offered.Keys);
        Assert.Contains("r.MoveToColdStorageAfter(Retention.Days(30)).DeleteAfter(Retention.Days(120))", offered["cold"], StringComparison.Ordinal);

        // Each proposal, applied, leaves no lifecycle error behind.
        foreach (var text in offered.Values)
        {
            var lifecycle = await WorkspaceAnalyzerRunner.RunAsync(new LifecycleRulesAnalyzer(), text);
            Assert.DoesNotContain(lifecycle, d => d.Id is RuleIds.ContinuousRetention or RuleIds.ColdToDeleteGap or RuleIds.DeleteAfterRange &&
                                                  !d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("forever", StringComparison.Ordinal));
        }
    }

    internal const string RulesIntoLockedVaults = /* lang=c#-test */ """
        using BackupKit.Building;
        using BackupKit.Model;

        class C
        {
            BackupPosture M() => BackupPosture.Create()
                .AddVault("floor", v => v.Lock(l => l.Governance().MinRetention(Retention.Days(60))))
                .AddVault("ceiling", v => v.Lock(l => l.Governance().MaxRetention(Retention.Days(30))))
                .AddVault("narrow", v => v.Lock(l => l.Governance().MinRetention(Retention.Days(7)).MaxRetention(Retention.Days(100))))
                .AddVault("open")
                .AddVault("dr", v => v.Lock(l => l.Governance().MinRetention(Retention.Days(90))))
                .AddPlan("daily", p => p
                    .AddRule("to-floor", r => r.InVault("floor"))
                    .AddRule("to-ceiling", r => r.InVault("ceiling"))
                    .AddRule("cold-narrow", r => r.InVault("narrow").MoveToColdStorageAfter(Retention.Days(30)))
                    .AddRule("copied", r => r.InVault("open").CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr"))
                    .AddRule("copied-own", r => r.InVault("open").CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr", c => c.DeleteAfter(Retention.Days(120)))))
                .Build();
        }
        """;

    [Fact]
    public async Task RetentionFix_StaysInsideTheRangeTheVaultsEnforce()
    {
        var (document, diagnostics) = await AnalyzeAsync(new RuleWithoutRetentionAnalyzer(), RulesIntoLockedVaults, option: null);
        Assert.Equal(5, diagnostics.Length);

        var offered = await OfferedRetentionFixesAsync(document, diagnostics);

        // Raised to the lock's minimum, lowered to its maximum; a copy that inherits the rule's retention raises it to
        // the destination's minimum, a copy with its own lifecycle does not; cold storage for 30 days needs 120 days,
        // which a vault keeping at most 100 refuses, so nothing is proposed there.
        Assert.Contains("r.InVault(\"floor\").DeleteAfter(Retention.Days(60))", offered["to-floor"], StringComparison.Ordinal);
        Assert.Contains("r.InVault(\"ceiling\").DeleteAfter(Retention.Days(30))", offered["to-ceiling"], StringComparison.Ordinal);
        Assert.Contains("backup-vault:dr\").DeleteAfter(Retention.Days(90))", offered["copied"], StringComparison.Ordinal);
        Assert.Contains("c => c.DeleteAfter(Retention.Days(120))).DeleteAfter(Retention.Days(35))", offered["copied-own"], StringComparison.Ordinal);
        Assert.DoesNotContain("cold-narrow", offered.Keys);

        // Each proposal, applied, adds no retention-outside-range finding: the ones left are the untouched rules' "kept forever".
        var before = await RangeFindingsAsync(RulesIntoLockedVaults);
        foreach (var text in offered.Values)
        {
            var after = await RangeFindingsAsync(text);
            Assert.Subset(before, after);
            Assert.DoesNotContain(after, f => !f.Contains("kept forever", StringComparison.Ordinal));
        }

        static async Task<HashSet<string>> RangeFindingsAsync(string text) =>
            (await WorkspaceAnalyzerRunner.RunAsync(new PostureRulesAnalyzer(), text))
                .Where(d => d.Id is RuleIds.RuleRetentionOutsideVaultLock or RuleIds.CopyRetentionOutsideVaultLock)
                .Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .ToHashSet(StringComparer.Ordinal);
    }

    // The text each BK1001 fix writes, by the name of the rule it fixes; a rule without a fix is absent.
    private static async Task<Dictionary<string, string>> OfferedRetentionFixesAsync(Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var offered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            var actions = new List<CodeAction>();
            await new AddRetentionCodeFixProvider().RegisterCodeFixesAsync(
                new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            var rule = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1];
            foreach (var action in actions)
            {
                offered[rule] = await ApplyAsync(action, document);
            }
        }

        return offered;
    }

    private static async Task<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(DiagnosticAnalyzer analyzer, string source, string? option)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Consumer", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .AddMetadataReferences(BackupKitReferences.ForConsumer());
        var document = project.AddDocument("Posture.cs", SourceText.From(source), filePath: "/src/Posture.cs");
        project = document.Project;
        if (option is not null)
        {
            project = project.AddAnalyzerConfigDocument(
                ".editorconfig",
                SourceText.From("root = true\n\n[*.cs]\n" + PolicyFixAllProvider.OptInOption + " = " + option + "\n"),
                filePath: "/src/.editorconfig").Project;
        }

        Assert.True(workspace.TryApplyChanges(project.Solution));
        document = workspace.CurrentSolution.GetDocument(document.Id)!;
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers([analyzer], document.Project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return (document, diagnostics);
    }

    private static Task<CodeAction?> FixAllAsync(CodeFixProvider fix, string equivalenceKey, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var context = new FixAllContext(
            document,
            fix,
            FixAllScope.Solution,
            equivalenceKey,
            fix.FixableDiagnosticIds,
            new FixedDiagnostics(diagnostics),
            CancellationToken.None);
        return fix.GetFixAllProvider()!.GetFixAsync(context);
    }

    private static async Task<string> ApplyAsync(CodeAction action, Document document)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        return (await solution.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
