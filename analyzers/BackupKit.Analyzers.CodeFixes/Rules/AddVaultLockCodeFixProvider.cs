using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace BackupKit.Analyzers.CodeFixes.Rules;

/// <summary>
/// Fixes BK1003 by locking the vault in governance mode: <c>.Lock(VaultLock.Governance())</c>. Governance mode is
/// the reversible choice (principals allowed <c>backup:DeleteBackupVaultLockConfiguration</c> can remove it); moving
/// to compliance mode, which becomes irreversible, is left to a deliberate edit. Without bounds the lock refuses no
/// rule's retention (BK7001). Fix All and <c>dotnet format</c> apply it only when the project opts in
/// (<see cref="PolicyFixAllProvider"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddVaultLockCodeFixProvider)), Shared]
public sealed class AddVaultLockCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the code action.</summary>
    public const string EquivalenceKey = "BK1003_AddGovernanceLock";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.VaultWithoutLock);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => PolicyFixAllProvider.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Add a governance-mode Vault Lock", ct => AddLockAsync(context.Document, invocation, ct), EquivalenceKey),
            context.Diagnostics);
    }

    private static async Task<Document> AddLockAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var symbols = BackupKitSymbols.TryCreate(editor.SemanticModel.Compilation);
        if (symbols?.VaultLock is null)
        {
            return document;
        }

        var governance = (ExpressionSyntax)editor.Generator.InvocationExpression(
            editor.Generator.MemberAccessExpression(
                editor.Generator.TypeExpression(symbols.VaultLock).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                "Governance"));

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is LambdaExpressionSyntax lambda)
            {
                editor.ReplaceNode(lambda, FluentCallAppender.Append(lambda, "Lock", governance));
                return editor.GetChangedDocument();
            }
        }

        // AddVault("name") without a configuration: add one.
        var configure = Argument(FluentCallAppender.Create("vault", "Lock", governance));
        if (invocation.ArgumentList.Arguments.Count > 0 && invocation.ArgumentList.Arguments[0].NameColon is not null)
        {
            configure = configure.WithNameColon(NameColon("configure"));
        }

        editor.ReplaceNode(invocation.ArgumentList, invocation.ArgumentList.AddArguments(configure));
        return editor.GetChangedDocument();
    }
}
