using System;
using System.Collections.Generic;
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
/// 90 more days before deletion). The value never breaks another rule: a continuous backup rule gets at most 35 days
/// (BK3004), and one that also moves to cold storage gets no fix, since no retention satisfies both BK3003 and BK3004
/// until its BK3005 finding is resolved; the value is moved into the range the rule's vault and its copies'
/// destinations enforce (BK7001, BK7002), and no fix is offered when those ranges leave no value. Fix All and <c>dotnet format</c> apply it only when the project opts in
/// (<see cref="PolicyFixAllProvider"/>).
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
    public override FixAllProvider GetFixAllProvider() => PolicyFixAllProvider.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation)
        {
            return;
        }

        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null || BackupKitSymbols.TryCreate(model.Compilation) is not { Retention: not null } symbols ||
            model.GetOperation(invocation, context.CancellationToken) is not IInvocationOperation addRule ||
            ProposedRetentionDays(addRule, symbols) is not { } days)
        {
            return;
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is LambdaExpressionSyntax lambda)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Delete recovery points after " + RuleViolationDays(days),
                        ct => AddRetentionAsync(context.Document, invocation, lambda, days, ct),
                        EquivalenceKey),
                    context.Diagnostics);
                return;
            }
        }
    }

    /// <summary>
    /// The retention the fix writes for a rule: 35 days, or the cold storage age plus 90 days; at most 35 days for a
    /// continuous backup rule; moved into the range that the rule's vault (and the destination of each copy that
    /// inherits the rule's retention) enforces with a constant Vault Lock or air-gapped range, so that the fix never
    /// trades BK1001 for BK7001 or BK7002. <see langword="null"/> when no value satisfies every rule (continuous backup
    /// with cold storage, or ranges that do not overlap the rule's own bounds).
    /// </summary>
    internal static long? ProposedRetentionDays(IInvocationOperation addRule, BackupKitSymbols symbols)
    {
        var configuration = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(addRule, symbols.RuleBuilder), symbols.RuleBuilder);
        var movesToCold = configuration.HasCall("MoveToColdStorageAfter");
        long lowest = 1, highest = LifecycleRules.MaxDays;
        if (configuration.HasCall("EnableContinuousBackup"))
        {
            if (movesToCold)
            {
                return null;
            }

            highest = LifecycleRules.MaxContinuousDays;
        }
        else
        {
            lowest = Math.Max(lowest, ColdStorageDays(configuration, symbols) + LifecycleRules.MinDaysInColdStorage);
        }

        foreach (var range in EnforcedRangesAround(addRule, configuration, symbols))
        {
            lowest = Math.Max(lowest, range.Min ?? 1);
            highest = Math.Min(highest, range.Max ?? LifecycleRules.MaxDays);
        }

        return lowest > highest ? null : Math.Min(Math.Max(DefaultRetentionDays, lowest), highest);
    }

    // The constant ranges of the rule's vault and of the destinations of copies without a lifecycle of their own,
    // when the rule is written inside a posture chain that declares those vaults.
    private static List<EnforcedRange> EnforcedRangesAround(IInvocationOperation addRule, FluentConfiguration rule, BackupKitSymbols symbols)
    {
        var found = new List<EnforcedRange>();
        if (PostureChain.EnclosingBuild(addRule, symbols) is not { } build)
        {
            return found;
        }

        var ranges = PostureChain.EnforcedRanges(PostureChain.CallsBefore(build, symbols, out _), symbols);
        if (PostureChain.TargetVaultCall(rule) is { } target &&
            ConstantValues.TryGetString(target.Arguments[0].Value, out var vaultName) && vaultName is not null &&
            ranges.TryGetValue(vaultName, out var vaultRange) && vaultRange is { } enforced)
        {
            found.Add(enforced);
        }

        foreach (var copyTo in rule.CallsTo("CopyTo"))
        {
            var copy = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(copyTo, symbols.CopyActionBuilder), symbols.CopyActionBuilder);
            if (copyTo.Arguments.Length > 0 && !copy.HasCall("DeleteAfter") &&
                ConstantValues.TryGetString(copyTo.Arguments[0].Value, out var arn) && arn is not null &&
                RetentionRules.DestinationVaultName(arn) is { } destination &&
                ranges.TryGetValue(destination, out var copyRange) && copyRange is { } copyEnforced)
            {
                found.Add(copyEnforced);
            }
        }

        return found;
    }

    private static string RuleViolationDays(long days) => days.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " days";

    private static async Task<Document> AddRetentionAsync(Document document, InvocationExpressionSyntax invocation, LambdaExpressionSyntax lambda, long days, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (BackupKitSymbols.TryCreate(editor.SemanticModel.Compilation)?.Retention is not { } retentionType)
        {
            return document;
        }

        var retention = editor.Generator.InvocationExpression(
            editor.Generator.MemberAccessExpression(
                editor.Generator.TypeExpression(retentionType).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                "Days"),
            editor.Generator.LiteralExpression((int)days));
        editor.ReplaceNode(lambda, FluentCallAppender.Append(lambda, "DeleteAfter", (ExpressionSyntax)retention));
        return editor.GetChangedDocument();
    }

    // The constant cold storage age of the rule, or a value that leaves the default retention alone.
    private static long ColdStorageDays(FluentConfiguration configuration, BackupKitSymbols symbols)
    {
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
