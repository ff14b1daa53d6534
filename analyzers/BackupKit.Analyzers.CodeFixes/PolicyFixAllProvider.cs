using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace BackupKit.Analyzers.CodeFixes;

/// <summary>
/// Fix All for the fixes that write backup policy (BK1001 writes a retention, BK1003 a Vault Lock). Each such fix is
/// a decision about how long data is kept and who may delete it, so it is offered one at a time in the IDE, and a
/// bulk run (Fix All, and <c>dotnet format</c>, which only applies fixes through Fix All) changes nothing unless the
/// project opts in with <c>backupkit.allow_policy_fixes_in_format = true</c> in its <c>.editorconfig</c> (or a global
/// AnalyzerConfig). Without it, <c>dotnet format</c> leaves the diagnostics in place and says it could not fix them.
/// </summary>
public sealed class PolicyFixAllProvider : FixAllProvider
{
    /// <summary>The .editorconfig option that lets Fix All and <c>dotnet format</c> apply the policy fixes.</summary>
    public const string OptInOption = "backupkit.allow_policy_fixes_in_format";

    private PolicyFixAllProvider()
    {
    }

    /// <summary>Gets the provider.</summary>
    public static PolicyFixAllProvider Instance { get; } = new();

    /// <inheritdoc />
    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var document = fixAllContext.Document ?? FirstDocument(fixAllContext.Project);
        if (document is null ||
            await document.GetSyntaxTreeAsync(fixAllContext.CancellationToken).ConfigureAwait(false) is not { } tree ||
            !IsOptedIn(document.Project, tree))
        {
            return null;
        }

        return await WellKnownFixAllProviders.BatchFixer.GetFixAsync(fixAllContext).ConfigureAwait(false);
    }

    private static bool IsOptedIn(Project project, SyntaxTree tree)
    {
        var options = project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        return (options.GetOptions(tree).TryGetValue(OptInOption, out var value) || options.GlobalOptions.TryGetValue(OptInOption, out value)) &&
               bool.TryParse(value.Trim(), out var optedIn) && optedIn;
    }

    private static Document? FirstDocument(Project project)
    {
        foreach (var document in project.Documents)
        {
            return document;
        }

        return null;
    }
}
