using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BackupKit.Tests.Docs;

/// <summary>
/// Every C# block of the README, the package READMEs and <c>docs/</c> compiles against the BackupKit and
/// BackupKit.Local assemblies, as a console program with the implicit usings of a new console project: a snippet that
/// is pasted into a new project and fails is a bug. Names a snippet leaves to its reader (the page says which) are
/// declared by an <c>elided</c> comment just before the block (<c>&lt;!-- elided: C# declarations --&gt;</c>, not
/// rendered), or, for the fragments of <c>docs/rules</c>, by the <c>csharp context</c> block that
/// <c>docs/rules/README.md</c> shows.
/// </summary>
public sealed partial class DocsCompileTests
{
    private static readonly string Root = RepositoryRoot();

    // The implicit usings of `dotnet new console`: a block must bring every other namespace itself.
    private const string ImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
        "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var page in PageNames())
        {
            pages.Add(page);
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_csharp_block_of_the_page_compiles(string page)
    {
        var blocks = Blocks(page).ToList();
        var failures = new List<string>();
        foreach (var block in blocks)
        {
            var errors = Compile(block);
            if (errors.Count > 0)
            {
                failures.Add($"{page}:{block.Line}: {string.Join(Environment.NewLine + "    ", errors)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {blocks.Count} C# blocks of {page} do not compile:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void The_pages_hold_the_blocks_a_reader_sees()
    {
        var count = PageNames().Sum(p => Blocks(p).Count());

        // README (5), the two package READMEs (4) and the rule pages: a page renamed or moved must not go unchecked.
        Assert.True(count >= 80, $"only {count} C# blocks found");
        Assert.Contains("README.md", PageNames());
    }

    [Fact]
    public void A_block_that_does_not_compile_is_reported_with_its_line()
    {
        var errors = Compile(new Block("README.md", 1, "var posture = BackupPosture.Create();", Prelude: ""));

        // No `using BackupKit.Model;`: the name is unknown, as it would be in a new project.
        Assert.Contains(errors, e => e.Contains("CS0103", StringComparison.Ordinal) && e.Contains("BackupPosture", StringComparison.Ordinal));
    }

    private sealed record Block(string Page, int Line, string Code, string Prelude);

    private static List<string> PageNames() => [.. DocumentedPages().Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))];

    private static IEnumerable<string> DocumentedPages()
    {
        yield return Path.Combine(Root, "README.md");
        foreach (var readme in Directory.EnumerateFiles(Path.Combine(Root, "src"), "README.md", SearchOption.AllDirectories))
        {
            if (!readme.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                !readme.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                yield return readme;
            }
        }

        foreach (var doc in Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return doc;
        }
    }

    private static IEnumerable<Block> Blocks(string page)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, page));
        var context = page.StartsWith("docs/rules/", StringComparison.Ordinal) && page != "docs/rules/README.md" ? RulesContext() : string.Empty;
        var prelude = new StringBuilder(context);
        for (var i = 0; i < lines.Length; i++)
        {
            var elided = ElidedComment().Match(lines[i]);
            if (elided.Success)
            {
                // The comment may span lines until -->.
                var text = new StringBuilder(elided.Groups[1].Value);
                while (!lines[i].Contains("-->", StringComparison.Ordinal))
                {
                    i++;
                    text.Append('\n').Append(lines[i]);
                }

                prelude.Append(text.ToString().Replace("-->", string.Empty, StringComparison.Ordinal)).Append('\n');
                continue;
            }

            if (lines[i].Trim() == "```csharp")
            {
                var start = i + 1;
                var code = new StringBuilder();
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
                {
                    code.Append(lines[i]).Append('\n');
                }

                yield return new Block(page, start + 1, code.ToString(), prelude.ToString());

                // An elided comment belongs to the one block after it.
                prelude.Clear().Append(context);
            }
        }
    }

    private static string RulesContext()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "docs", "rules", "README.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == "```csharp context");
        Assert.True(start >= 0, "docs/rules/README.md has no ```csharp context block (the declarations rule-page fragments use)");
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal))) + "\n";
    }

    private static List<string> Compile(Block block)
    {
        // Using directives of the prelude and of the block come first; then the prelude's declarations, then the block.
        var (preludeUsings, preludeBody) = SplitUsings(block.Prelude);
        var (usings, body) = SplitUsings(block.Code);
        var source = preludeUsings + usings + "#line 1\n" + preludeBody + "#line " + block.Line + " \"" + block.Page + "\"\n" + body;

        var compilation = CSharpCompilation.Create(
            "DocsBlock",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions), CSharpSyntaxTree.ParseText(source, ParseOptions, path: block.Page)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Id} at {d.Location.GetMappedLineSpan().Path}:{d.Location.GetMappedLineSpan().StartLinePosition.Line + 1}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")];
    }

    private static (string Usings, string Body) SplitUsings(string code)
    {
        var usings = new StringBuilder();
        var body = new StringBuilder();
        foreach (var line in code.Split('\n'))
        {
            (UsingDirective().IsMatch(line) ? usings : body).Append(line).Append('\n');
        }

        return (usings.ToString(), body.ToString());
    }

    private static MetadataReference[] LoadReferences()
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            byName[Path.GetFileName(path)] = path;
        }

        // BackupKit, BackupKit.Local and their dependencies, as a consumer project references them.
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            var name = Path.GetFileName(path);
            if (!name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("BackupKit.Tests", StringComparison.Ordinal))
            {
                byName.TryAdd(name, path);
            }
        }

        return [.. byName.Values.Select(p => MetadataReference.CreateFromFile(p))];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackupKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("BackupKit.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^<!--\s*elided:\s*(.*)$")]
    private static partial Regex ElidedComment();

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[A-Za-z_][A-Za-z0-9_.]*(\s*=\s*[A-Za-z_][A-Za-z0-9_.<>]*)?\s*;\s*$")]
    private static partial Regex UsingDirective();
}
