using System.Globalization;

namespace BackupKit.Audit;

/// <summary>
/// The longest time between two runs of an AWS cron schedule: what the frequency controls compare. Runs over one
/// leap-free year plus a month, so weekly, monthly and yearly schedules show their real gaps (a monthly schedule on the
/// 31st skips short months). <c>L</c>, <c>W</c> and <c>#</c> are honoured well enough for a gap: <c>L</c> is the last
/// day, <c>nW</c> day n, <c>d#n</c> the n-th weekday d.
/// </summary>
internal static class CronIntervals
{
    private static readonly string[] s_months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] s_days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Returns the longest interval between runs, or <see langword="null"/> when the expression cannot be read.</summary>
    public static TimeSpan? LongestInterval(string cronExpression)
    {
        var text = cronExpression.Trim();
        if (!text.StartsWith("cron(", StringComparison.Ordinal) || !text.EndsWith(')'))
        {
            return null;
        }

        var fields = text[5..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            return null;
        }

        var minutes = Set(fields[0], 0, 59, null);
        var hours = Set(fields[1], 0, 23, null);
        var months = Set(fields[3], 1, 12, s_months);
        if (minutes is null || hours is null || months is null)
        {
            return null;
        }

        Func<DateTime, bool>? dayMatches = fields[2] == "?" ? DayOfWeek(fields[4]) : DayOfMonth(fields[2]);
        if (dayMatches is null)
        {
            return null;
        }

        var start = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        DateTime? previous = null;
        var longest = TimeSpan.Zero;
        for (var day = start; day < start.AddDays(365 + 62); day = day.AddDays(1))
        {
            if (!months[day.Month] || !dayMatches(day))
            {
                continue;
            }

            for (var h = 0; h < 24; h++)
            {
                if (!hours[h])
                {
                    continue;
                }

                for (var m = 0; m < 60; m++)
                {
                    if (!minutes[m])
                    {
                        continue;
                    }

                    var run = day.AddHours(h).AddMinutes(m);
                    if (previous is { } p && run - p > longest)
                    {
                        longest = run - p;
                    }

                    previous = run;
                }
            }
        }

        return previous is null ? null : longest == TimeSpan.Zero ? TimeSpan.FromDays(365) : longest;
    }

    private static Func<DateTime, bool>? DayOfMonth(string field)
    {
        if (field == "L")
        {
            return d => d.Day == DateTime.DaysInMonth(d.Year, d.Month);
        }

        if (field.EndsWith('W') && int.TryParse(field[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var weekday))
        {
            return d => d.Day == Math.Min(weekday, DateTime.DaysInMonth(d.Year, d.Month));
        }

        var days = Set(field, 1, 31, null);
        return days is null ? null : d => days[d.Day];
    }

    private static Func<DateTime, bool>? DayOfWeek(string field)
    {
        var hash = field.IndexOf('#');
        if (hash > 0)
        {
            var day = Set(field[..hash], 1, 7, s_days);
            if (day is null || !int.TryParse(field[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var nth))
            {
                return null;
            }

            return d => day[(int)d.DayOfWeek + 1] && (d.Day - 1) / 7 + 1 == nth;
        }

        if (field.EndsWith('L') && field.Length > 1)
        {
            var day = Set(field[..^1], 1, 7, s_days);
            return day is null ? null : d => day[(int)d.DayOfWeek + 1] && d.Day + 7 > DateTime.DaysInMonth(d.Year, d.Month);
        }

        var days = Set(field, 1, 7, s_days);
        return days is null ? null : d => days[(int)d.DayOfWeek + 1];
    }

    private static bool[]? Set(string field, int min, int max, string[]? names)
    {
        var set = new bool[max + 1];
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/');
            if (slash >= 0)
            {
                if (!int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
                {
                    return null;
                }

                range = part[..slash];
            }

            int from, to;
            if (range is "*" or "?")
            {
                (from, to) = (min, max);
            }
            else
            {
                var dash = range.IndexOf('-');
                var first = Value(dash < 0 ? range : range[..dash], min, names);
                var last = dash < 0 ? (slash >= 0 ? max : first) : Value(range[(dash + 1)..], min, names);
                if (first is null || last is null)
                {
                    return null;
                }

                (from, to) = (first.Value, last.Value);
            }

            if (from < min || to > max)
            {
                return null;
            }

            for (var v = from; v <= to; v += step)
            {
                set[v] = true;
            }
        }

        return set;
    }

    private static int? Value(string text, int min, string[]? names)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var index = names is null ? -1 : Array.IndexOf(names, text.ToUpperInvariant());
        return index < 0 ? null : index + min;
    }
}
