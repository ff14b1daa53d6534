using System;
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
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace BackupKit.Analyzers.CodeFixes.Rules;

/// <summary>
/// Fixes BK1001 by appending <c>.DeleteAfter(Retention.Days(35))</c> to the rule's configuration: 35 days, the
/// retention of the AWS daily presets, or longer when the rule moves recovery points to cold storage (which needs
/// 90 more days before deletion).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRetentionCodeFixProvider)), Shared]
public sealed class AddRetentionCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the code action.</summary>
    public const string EquivalenceKey = "BK1001_AddDeleteAfter";

    /// <summary>The retention the fix proposes when nothing else constrains it.</summary>
    public const long DefaultRetentionDays = 35;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.RuleWithoutRetention);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation)
        {
            return;
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is LambdaExpressionSyntax lambda)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Delete recovery points after a retention period",
                        ct => AddRetentionAsync(context.Document, invocation, lambda, ct),
                        EquivalenceKey),
                    context.Diagnostics);
                return;
            }
        }
    }

    private static async Task<Document> AddRetentionAsync(Document document, InvocationExpressionSyntax invocation, LambdaExpressionSyntax lambda, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var symbols = BackupKitSymbols.TryCreate(editor.SemanticModel.Compilation);
        if (symbols?.Retention is null || editor.SemanticModel.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
        {
            return document;
        }

        var days = Math.Max(DefaultRetentionDays, ColdStorageDays(operation, symbols) + LifecycleRules.MinDaysInColdStorage);
        var retention = editor.Generator.InvocationExpression(
            editor.Generator.MemberAccessExpression(
                editor.Generator.TypeExpression(symbols.Retention).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                "Days"),
            editor.Generator.LiteralExpression((int)days));
        editor.ReplaceNode(lambda, FluentCallAppender.Append(lambda, "DeleteAfter", (ExpressionSyntax)retention));
        return editor.GetChangedDocument();
    }

    // The constant cold storage age of the rule, or a value that leaves the default retention alone.
    private static long ColdStorageDays(IInvocationOperation addRule, BackupKitSymbols symbols)
    {
        var configuration = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(addRule, symbols.RuleBuilder), symbols.RuleBuilder);
        var cold = -LifecycleRules.MinDaysInColdStorage;
        foreach (var call in configuration.CallsTo("MoveToColdStorageAfter"))
        {
            if (call.Arguments.Length == 1 && ConstantValues.TryGetRetentionDays(call.Arguments[0].Value, symbols, out var days))
            {
                cold = days;
            }
        }

        return cold;
    }
}
