using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// Reports the schedule rules of the rules table on constant arguments of a backup rule: cron syntax (BK2001) and
/// frequency (BK2002), time zone (BK2003), start window (BK2004), completion window (BK2005) and whole minutes
/// (BK2006), and the schedule of a restore testing plan (BK2001, BK2003). A completion window is compared with the start window of the same rule when both are constants of a
/// rule configuration lambda.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class ScheduleRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(
        RuleIds.CronSyntax, RuleIds.CronFrequency, RuleIds.TimeZone, RuleIds.StartWindow, RuleIds.CompletionWindow, RuleIds.WholeMinutes, RuleIds.SchedulePresetArgument);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) => symbols.RuleBuilder is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        if (invocation.TargetMethod.Name == "AddRule" && BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.PlanBuilder))
        {
            CheckWindowsTogether(context, invocation, symbols);
            return;
        }

        if (invocation.TargetMethod.Name is "Hourly" or "EveryHours" or "Daily" or "Weekly" or "Monthly" or "MonthlyOnLastDay" &&
            (BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.RuleBuilder) || BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.RestoreTestingPlanBuilder)))
        {
            CheckPreset(context, invocation);
            return;
        }

        if (invocation.Arguments.Length == 1 && BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.RestoreTestingPlanBuilder))
        {
            CheckRestoreTestingSchedule(context, invocation);
            return;
        }

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

    // The schedule presets' arguments (BK2007), checked by the same functions the builders call at run time.
    private static void CheckPreset(SyntaxNodeAnalysisContext context, IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter)
            {
                continue;
            }

            var value = argument.Value;
            var violations = parameter.Name switch
            {
                "minute" when ConstantValues.TryGetInt64(value, out var minute) => ScheduleRules.CheckHourlyMinute(minute),
                "dayOfMonth" when ConstantValues.TryGetInt64(value, out var dayOfMonth) => ScheduleRules.CheckDayOfMonth(dayOfMonth),
                "day" when ConstantValues.TryGetInt64(value, out var dayOfWeek) => ScheduleRules.CheckDayOfWeek(dayOfWeek),
                "at" or "startingAt" when ConstantValues.TryGetTimeOfDay(value, out var timeOfDay) => ScheduleRules.CheckTimeOfDay(timeOfDay),
                "hours" when ConstantValues.TryGetInt64(value, out var hours) => CheckEveryHours(invocation, hours),
                _ => null,
            };
            foreach (var violation in violations ?? System.Array.Empty<RuleViolation>())
            {
                // A first run that does not come before the interval is reported on the first run.
                var at = violation.Member == "schedule.startingAt" && FluentConfiguration.Argument(invocation, "startingAt") is { } startingAt
                    ? startingAt.Value
                    : value;
                RuleViolationReporter.Report(context, violation, at.Syntax.GetLocation());
            }
        }
    }

    // The interval alone when the first run is not a constant; both when it is (the first run must come before the interval).
    private static System.Collections.Generic.IReadOnlyList<RuleViolation> CheckEveryHours(IInvocationOperation invocation, long hours)
    {
        var startingAt = FluentConfiguration.Argument(invocation, "startingAt");
        if (startingAt is not null && ConstantValues.TryGetTimeOfDay(startingAt.Value, out var first))
        {
            return ScheduleRules.CheckEveryHours(hours, first.Hours, first.Minutes);
        }

        return hours is < 1 or > 23 ? ScheduleRules.CheckEveryHours(hours, 0, 0) : System.Array.Empty<RuleViolation>();
    }

    // Restore testing plans accept any cron frequency; the syntax and the time zone are checked as for backup rules.
    private static void CheckRestoreTestingSchedule(SyntaxNodeAnalysisContext context, IInvocationOperation invocation)
    {
        var argument = invocation.Arguments[0].Value;
        switch (invocation.TargetMethod.Name)
        {
            case "Cron" when ConstantValues.TryGetString(argument, out var expression):
                RuleViolationReporter.Report(context, ScheduleRules.CheckCron(string.IsNullOrEmpty(expression) ? null : expression, atMostHourly: false), argument.Syntax.GetLocation());
                break;
            case "InTimeZone" when ConstantValues.TryGetString(argument, out var timeZone) && timeZone is not null:
                RuleViolationReporter.Report(context, ScheduleRules.CheckTimeZone(timeZone), argument.Syntax.GetLocation());
                break;
        }
    }

    // The completion window may not be shorter than the start window; each window's own range is reported on its call.
    private static void CheckWindowsTogether(SyntaxNodeAnalysisContext context, IInvocationOperation addRule, BackupKitSymbols symbols)
    {
        var configuration = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(addRule, symbols.RuleBuilder), symbols.RuleBuilder);
        if (!configuration.IsComplete || configuration.Lambda is null || !configuration.IsStraightLine)
        {
            return;
        }

        System.TimeSpan? start = null;
        System.TimeSpan? completion = null;
        IOperation? completionArgument = null;
        foreach (var call in configuration.Calls)
        {
            var isStart = call.TargetMethod.Name == "StartWithin";
            var isCompletion = call.TargetMethod.Name == "CompleteWithin";
            if ((isStart || isCompletion) && call.Arguments.Length == 1)
            {
                System.TimeSpan? value = ConstantValues.TryGetTimeSpan(call.Arguments[0].Value, symbols, out var known) ? known : null;
                if (isStart)
                {
                    start = value;
                }
                else
                {
                    completion = value;
                    completionArgument = call.Arguments[0].Value;
                }
            }
        }

        if (start is null || completion is null || completionArgument is null ||
            ScheduleRules.CheckStartWindow(start).Count != 0 ||
            ScheduleRules.CheckCompletionWindow(completion, null).Count != 0)
        {
            return;
        }

        RuleViolationReporter.Report(context, ScheduleRules.CheckCompletionWindow(completion, start), completionArgument.Syntax.GetLocation());
    }
}
