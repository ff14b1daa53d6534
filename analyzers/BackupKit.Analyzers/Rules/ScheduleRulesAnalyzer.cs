using System.Collections.Immutable;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// Reports the schedule rules of the rules table on constant arguments of a backup rule: cron syntax (BK2001) and
/// frequency (BK2002), time zone (BK2003), start window (BK2004), completion window (BK2005) and whole minutes
/// (BK2006). A completion window is compared with a start window only at run time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScheduleRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(
        RuleIds.CronSyntax, RuleIds.CronFrequency, RuleIds.TimeZone, RuleIds.StartWindow, RuleIds.CompletionWindow, RuleIds.WholeMinutes);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, BackupKitSymbols symbols)
    {
        if (symbols.RuleBuilder is not null)
        {
            context.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, BackupKitSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.Arguments.Length != 1 || !BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.RuleBuilder))
        {
            return;
        }

        var argument = invocation.Arguments[0].Value;
        var location = argument.Syntax.GetLocation();
        switch (invocation.TargetMethod.Name)
        {
            case "Cron" when ConstantValues.TryGetString(argument, out var expression):
                RuleViolationReporter.Report(context, ScheduleRules.CheckCron(expression), location);
                break;
            case "InTimeZone" when ConstantValues.TryGetString(argument, out var timeZone) && timeZone is not null:
                RuleViolationReporter.Report(context, ScheduleRules.CheckTimeZone(timeZone), location);
                break;
            case "StartWithin" when ConstantValues.TryGetTimeSpan(argument, symbols, out var startWindow):
                RuleViolationReporter.Report(context, ScheduleRules.CheckStartWindow(startWindow), location);
                break;
            case "CompleteWithin" when ConstantValues.TryGetTimeSpan(argument, symbols, out var completionWindow):
                RuleViolationReporter.Report(context, ScheduleRules.CheckCompletionWindow(completionWindow, null), location);
                break;
        }
    }
}
