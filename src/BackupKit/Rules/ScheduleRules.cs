// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace BackupKit.Rules;

/// <summary>Schedule and window rules (BK2xxx).</summary>
internal static class ScheduleRules
{
    /// <summary>The largest start or completion window AWS accepts: 52,560,000 minutes (100 years).</summary>
    public const long MaxWindowMinutes = AwsFacts.MaxWindowMinutes;

    /// <summary>The smallest start window AWS accepts: 60 minutes.</summary>
    public const long MinStartWindowMinutes = AwsFacts.MinStartWindowMinutes;

    /// <summary>Checks an AWS cron expression: syntax (BK2001) and at most one run per hour (BK2002).</summary>
    /// <param name="expression">The expression, e.g. <c>cron(0 5 ? * * *)</c>.</param>
    /// <param name="atMostHourly">Whether to apply the backup rule limit of one run per hour (restore testing plans have no such documented limit).</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckCron(string? expression, bool atMostHourly = true)
    {
        if (expression is null)
        {
            return Violations.One(new RuleViolation(RuleCatalog.CronSyntax, "cronExpression", null,
                "Write a cron expression such as 'cron(0 5 ? * * *)' (daily at 05:00), or leave the schedule unset for the AWS default.",
                "(null)", "no expression was given"));
        }

        var cron = AwsCron.TryParse(expression, out var error);
        if (cron is null)
        {
            return Violations.One(new RuleViolation(RuleCatalog.CronSyntax, "cronExpression", expression,
                "Use the six-field AWS form cron(minutes hours day-of-month month day-of-week year) with '?' in day-of-month or day-of-week, e.g. 'cron(0 5 ? * * *)'.",
                expression, error));
        }

        if (atMostHourly && cron.Minutes.Count > 1)
        {
            return Violations.One(new RuleViolation(RuleCatalog.CronFrequency, "cronExpression", expression,
                "Put a single value in the minutes field (e.g. 'cron(0 * ? * * *)' for hourly); for finer recovery points enable continuous backup.",
                expression, cron.Minutes.Count));
        }

        return Violations.None;
    }

    /// <summary>Checks a schedule time zone (BK2003). <see langword="null"/> means UTC and is valid.</summary>
    /// <param name="timeZone">The IANA time zone id, e.g. <c>Europe/Paris</c>.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckTimeZone(string? timeZone) =>
        timeZone is null || AwsFacts.IsKnownTimeZone(timeZone)
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.TimeZone, "timeZone", timeZone,
                "Use an IANA time zone id such as 'Etc/UTC', 'Europe/Paris' or 'America/New_York' (Windows ids like 'Pacific Standard Time' are not accepted).",
                timeZone));

    /// <summary>Returns whether <paramref name="timeZone"/> is a known IANA time zone id.</summary>
    /// <param name="timeZone">The id.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public static bool IsKnownTimeZone(string timeZone) => AwsFacts.IsKnownTimeZone(timeZone);

    /// <summary>Checks a start window (BK2004, BK2006). <see langword="null"/> means the AWS default (8 hours) and is valid.</summary>
    /// <param name="startWindow">The start window.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckStartWindow(TimeSpan? startWindow)
    {
        if (startWindow is not { } window)
        {
            return Violations.None;
        }

        var violations = new List<RuleViolation>();
        AddWholeMinutes(violations, "startWindow", "Start window", window);
        var minutes = (long)Math.Floor(window.TotalMinutes);
        if (minutes < MinStartWindowMinutes || minutes > MaxWindowMinutes)
        {
            violations.Add(new RuleViolation(RuleCatalog.StartWindow, "startWindow", Text(window),
                "Set a start window of at least 60 minutes (AWS default: 8 hours), or leave it unset.", Text(window)));
        }

        return violations;
    }

    /// <summary>
    /// Checks a completion window (BK2005, BK2006): at most 52,560,000 minutes, positive, and not shorter than the
    /// start window when both are set. <see langword="null"/> means the AWS default (7 days) and is valid.
    /// </summary>
    /// <param name="completionWindow">The completion window.</param>
    /// <param name="startWindow">The start window of the same rule, or <see langword="null"/>.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckCompletionWindow(TimeSpan? completionWindow, TimeSpan? startWindow)
    {
        if (completionWindow is not { } window)
        {
            return Violations.None;
        }

        var violations = new List<RuleViolation>();
        AddWholeMinutes(violations, "completionWindow", "Completion window", window);
        var minutes = (long)Math.Floor(window.TotalMinutes);
        if (minutes < 1 || minutes > MaxWindowMinutes)
        {
            violations.Add(new RuleViolation(RuleCatalog.CompletionWindow, "completionWindow", Text(window),
                "Set a completion window between 1 minute and 52,560,000 minutes (AWS default: 7 days), or leave it unset.",
                Text(window), "AWS accepts 1 to 52,560,000 minutes"));
        }
        else if (startWindow is { } start && window < start)
        {
            violations.Add(new RuleViolation(RuleCatalog.CompletionWindow, "completionWindow", Text(window),
                "Make the completion window at least as long as the start window (" + Text(start) + "); both count from the scheduled time.",
                Text(window), "it is shorter than the start window of " + Text(start) + ", so a job that starts late is cancelled before it can run"));
        }

        return violations;
    }

    /// <summary>Checks the minute of an hourly schedule (BK2007): 0 to 59.</summary>
    /// <param name="minute">The minute past each hour.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckHourlyMinute(long minute) =>
        minute is >= 0 and <= 59
            ? Violations.None
            : Preset("schedule.minute", "minute", Number(minute), "minutes are 0 to 59", "Use a minute past the hour from 0 to 59, e.g. Hourly(15).");

    /// <summary>
    /// Checks an every-N-hours schedule (BK2007): an interval of 1 to 23 hours, and a first run of the day earlier than
    /// the interval (at 07:00 every 5 hours would also run at 02:00, so AWS's hour field starts from the hour below it).
    /// </summary>
    /// <param name="hours">The interval in hours.</param>
    /// <param name="firstRunHour">The hour of the first run of the day, 0 to 23.</param>
    /// <param name="firstRunMinute">The minute of the first run of the day, 0 to 59.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckEveryHours(long hours, int firstRunHour, int firstRunMinute)
    {
        if (hours is < 1 or > 23)
        {
            return Preset("schedule.hours", "interval", Number(hours) + " hours", "every 1 to 23 hours",
                "Use an interval of 1 to 23 hours, e.g. EveryHours(12, new TimeOnly(5, 0)); for daily runs use Daily().");
        }

        return firstRunHour < hours
            ? Violations.None
            : Preset("schedule.startingAt", "first run", Clock(firstRunHour, firstRunMinute),
                "every " + Number(hours) + " hours starts before " + Clock((int)hours, 0) + " each day",
                "Start from the earliest run of the day, e.g. EveryHours(" + Number(hours) + ", new TimeOnly(" + Number(firstRunHour % hours) + ", " + Number(firstRunMinute) + ")).");
    }

    /// <summary>Checks the day of a monthly schedule (BK2007): 1 to 31.</summary>
    /// <param name="dayOfMonth">The day of the month.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckDayOfMonth(long dayOfMonth) =>
        dayOfMonth is >= 1 and <= 31
            ? Violations.None
            : Preset("schedule.dayOfMonth", "day of month", Number(dayOfMonth), "days 1 to 31 (MonthlyOnLastDay for month ends)",
                "Use a day of the month from 1 to 31, or MonthlyOnLastDay() for the last day of every month.");

    /// <summary>Checks the day of a weekly schedule (BK2007): a defined <see cref="DayOfWeek"/> (0 to 6).</summary>
    /// <param name="dayOfWeek">The day as its <see cref="DayOfWeek"/> number.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckDayOfWeek(long dayOfWeek) =>
        dayOfWeek is >= 0 and <= 6
            ? Violations.None
            : Preset("schedule.day", "day of week", Number(dayOfWeek), "a DayOfWeek such as DayOfWeek.Saturday",
                "Use a named DayOfWeek value, e.g. Weekly(DayOfWeek.Saturday).");

    /// <summary>Checks the time of day of a schedule preset (BK2007): whole minutes, as AWS cron has no seconds.</summary>
    /// <param name="timeOfDay">The time since midnight.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckTimeOfDay(TimeSpan timeOfDay)
    {
        if (timeOfDay.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return Violations.None;
        }

        var text = Clock(timeOfDay.Hours, timeOfDay.Minutes) + ":" + timeOfDay.Seconds.ToString("00", CultureInfo.InvariantCulture) +
                   (timeOfDay.Ticks % TimeSpan.TicksPerSecond == 0 ? string.Empty : "." + (timeOfDay.Ticks % TimeSpan.TicksPerSecond).ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        return Preset("schedule.at", "time", text, "AWS schedules have minute precision",
            "Use a time in whole minutes, e.g. new TimeOnly(" + timeOfDay.Hours.ToString(CultureInfo.InvariantCulture) + ", " + timeOfDay.Minutes.ToString(CultureInfo.InvariantCulture) + ").");
    }

    private static IReadOnlyList<RuleViolation> Preset(string member, string what, string value, string allowed, string fix) =>
        Violations.One(new RuleViolation(RuleCatalog.SchedulePresetArgument, member, value, fix, what, value, allowed));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Clock(int hour, int minute) =>
        hour.ToString("00", CultureInfo.InvariantCulture) + ":" + minute.ToString("00", CultureInfo.InvariantCulture);

    private static void AddWholeMinutes(List<RuleViolation> violations, string member, string what, TimeSpan window)
    {
        if (window.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            violations.Add(new RuleViolation(RuleCatalog.WholeMinutes, member, Text(window),
                "Round the window to whole minutes, e.g. TimeSpan.FromMinutes(90).", what, Text(window)));
        }
    }

    private static string Text(TimeSpan window) => DurationText.Format(window);
}
