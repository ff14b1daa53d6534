using System.Collections.Immutable;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>Reports the selection rules of the rules table on constant arguments: the IAM role ARN (BK5001).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SelectionRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(RuleIds.IamRoleArn);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, BackupKitSymbols symbols)
    {
        if (symbols.SelectionBuilder is not null)
        {
            context.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, BackupKitSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name == "WithRole" &&
            invocation.Arguments.Length == 1 &&
            BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.SelectionBuilder) &&
            ConstantValues.TryGetString(invocation.Arguments[0].Value, out var roleArn))
        {
            RuleViolationReporter.Report(context, SelectionRules.CheckIamRoleArn(roleArn), invocation.Arguments[0].Value.Syntax.GetLocation());
        }
    }
}
