using System.Globalization;
using BackupKit.Rules;

namespace BackupKit.Building;

/// <summary>
/// Renders schedule presets as AWS cron expressions. An argument out of range is not thrown: it is added to
/// <c>violations</c> as the rules table's BK2007 (the id the analyzers report for the same constant), no expression is
/// rendered, and <c>Build()</c> lists it with every other violation.
/// </summary>
internal static class CronText
{
    private static readonly string[] s_days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static string? Hourly(int minute, List<RuleViolation> violations) =>
        Render(violations, ScheduleRules.CheckHourlyMinute(minute), () => $"cron({minute} * ? * * *)");

    public static string? EveryHours(int hours, TimeOnly startingAt, List<RuleViolation> violations)
    {
        violations.AddRange(ScheduleRules.CheckTimeOfDay(startingAt.ToTimeSpan()));
        return Render(violations, ScheduleRules.CheckEveryHours(hours, startingAt.Hour, startingAt.Minute), () => $"cron({startingAt.Minute} {startingAt.Hour}/{hours} ? * * *)");
    }

    public static string? Daily(TimeOnly at, List<RuleViolation> violations) =>
        Render(violations, ScheduleRules.CheckTimeOfDay(at.ToTimeSpan()), () => $"cron({at.Minute} {at.Hour} ? * * *)");

    public static string? Weekly(DayOfWeek day, TimeOnly at, List<RuleViolation> violations)
    {
        violations.AddRange(ScheduleRules.CheckTimeOfDay(at.ToTimeSpan()));
        return Render(violations, ScheduleRules.CheckDayOfWeek((int)day), () => $"cron({at.Minute} {at.Hour} ? * {s_days[(int)day]} *)");
    }

    public static string? Monthly(int dayOfMonth, TimeOnly at, List<RuleViolation> violations)
    {
        violations.AddRange(ScheduleRules.CheckTimeOfDay(at.ToTimeSpan()));
        return Render(violations, ScheduleRules.CheckDayOfMonth(dayOfMonth), () => $"cron({at.Minute} {at.Hour} {dayOfMonth} * ? *)");
    }

    public static string? MonthlyOnLastDay(TimeOnly at, List<RuleViolation> violations) =>
        Render(violations, ScheduleRules.CheckTimeOfDay(at.ToTimeSpan()), () => $"cron({at.Minute} {at.Hour} L * ? *)");

    private static string? Render(List<RuleViolation> violations, IReadOnlyList<RuleViolation> more, Func<FormattableString> text)
    {
        violations.AddRange(more);
        return violations.Count == 0 ? text().ToString(CultureInfo.InvariantCulture) : null;
    }
}
