using System.Globalization;

namespace BackupKit.Building;

/// <summary>Renders schedule presets as AWS cron expressions.</summary>
internal static class CronText
{
    private static readonly string[] s_days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static string Hourly(int minute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minute);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minute, 59);
        return Format($"cron({minute} * ? * * *)");
    }

    public static string EveryHours(int hours, TimeOnly startingAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, 23);
        EnsureWholeMinute(startingAt);
        if (startingAt.Hour >= hours)
        {
            throw new ArgumentOutOfRangeException(nameof(startingAt), startingAt,
                $"The first run must be earlier than {hours}:00 so that every {hours} hours starts from it each day.");
        }

        return Format($"cron({startingAt.Minute} {startingAt.Hour}/{hours} ? * * *)");
    }

    public static string Daily(TimeOnly at)
    {
        EnsureWholeMinute(at);
        return Format($"cron({at.Minute} {at.Hour} ? * * *)");
    }

    public static string Weekly(DayOfWeek day, TimeOnly at)
    {
        EnsureWholeMinute(at);
        if (!Enum.IsDefined(day))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "Use a DayOfWeek value such as DayOfWeek.Saturday.");
        }

        return Format($"cron({at.Minute} {at.Hour} ? * {s_days[(int)day]} *)");
    }

    public static string Monthly(int dayOfMonth, TimeOnly at)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dayOfMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dayOfMonth, 31);
        EnsureWholeMinute(at);
        return Format($"cron({at.Minute} {at.Hour} {dayOfMonth} * ? *)");
    }

    public static string MonthlyOnLastDay(TimeOnly at)
    {
        EnsureWholeMinute(at);
        return Format($"cron({at.Minute} {at.Hour} L * ? *)");
    }

    private static void EnsureWholeMinute(TimeOnly at)
    {
        if (at.Second != 0 || at.Millisecond != 0 || at.Microsecond != 0 || at.Nanosecond != 0)
        {
            throw new ArgumentException($"AWS schedules have minute precision; {at:HH:mm:ss.fff} has seconds. Use e.g. new TimeOnly(5, 0).", nameof(at));
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
