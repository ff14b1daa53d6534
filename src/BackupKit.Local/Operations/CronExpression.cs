using System.Globalization;

namespace BackupKit.Local.Operations;

/// <summary>
/// The six-field EventBridge cron syntax AWS Backup schedules use: <c>cron(minutes hours day-of-month month day-of-week year)</c>,
/// with <c>, - * /</c>, <c>?</c> and <c>L</c> in the day fields, <c>W</c> in day-of-month and <c>#</c> in day-of-week; exactly
/// one day field is <c>?</c>. Backup schedules may not run more often than hourly, so the minutes field is one value.
/// Parses, and computes the next run times for GetBackupPlan's scheduled-runs preview.
/// </summary>
internal sealed class CronExpression
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly int _minute;
    private readonly bool[] _hours = new bool[24];
    private readonly bool[] _months = new bool[13];
    private readonly bool[] _years = new bool[2200];
    private readonly DayRule _dayRule;

    private CronExpression(int minute, DayRule dayRule)
    {
        _minute = minute;
        _dayRule = dayRule;
    }

    /// <summary>Checks the expression, throwing what <paramref name="error"/> builds from a description of the problem.</summary>
    public static void Check(string expression, Func<string, Exception> error) => Parse(expression, error);

    /// <summary>Parses the expression.</summary>
    public static CronExpression Parse(string expression, Func<string, Exception> error)
    {
        var text = expression.Trim();
        if (text.StartsWith("rate(", StringComparison.OrdinalIgnoreCase))
        {
            throw error($"Invalid schedule expression '{expression}': AWS Backup accepts cron(...) expressions only, not rate(...).");
        }

        if (!text.StartsWith("cron(", StringComparison.Ordinal) || !text.EndsWith(')'))
        {
            throw error($"Invalid schedule expression '{expression}': expected cron(minutes hours day-of-month month day-of-week year).");
        }

        var fields = text[5..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw error($"Invalid schedule expression '{expression}': a cron expression has 6 fields, this one has {fields.Length}.");
        }

        Exception Field(string name, string why) => error($"Invalid schedule expression '{expression}': {name} field '{why}'.");

        if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minute) || minute > 59)
        {
            throw error($"Invalid schedule expression '{expression}': the minutes field must be a single value from 0 to 59, because a backup rule runs at most once an hour.");
        }

        var dom = fields[2];
        var dow = fields[4];
        if ((dom == "?") == (dow == "?"))
        {
            throw error($"Invalid schedule expression '{expression}': exactly one of day-of-month and day-of-week must be '?'.");
        }

        var dayRule = dom == "?" ? DayRule.ParseDayOfWeek(dow, s => Field("day-of-week", s)) : DayRule.ParseDayOfMonth(dom, s => Field("day-of-month", s));
        var cron = new CronExpression(minute, dayRule);
        FillSet(fields[1], 0, 23, null, cron._hours, s => Field("hours", s));
        FillSet(fields[3], 1, 12, MonthNames, cron._months, s => Field("month", s));
        FillSet(fields[5], 1970, 2199, null, cron._years, s => Field("year", s));
        return cron;
    }

    /// <summary>The next run times strictly after <paramref name="after"/>, in UTC, for the cron read in <paramref name="zone"/>.</summary>
    public IEnumerable<DateTimeOffset> NextRuns(DateTimeOffset after, TimeZoneInfo zone)
    {
        var localStart = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        for (var day = localStart.Date; day.Year < 2200; day = day.AddDays(1))
        {
            if (!_years[day.Year] || !_months[day.Month] || !_dayRule.Matches(day))
            {
                continue;
            }

            for (var hour = 0; hour < 24; hour++)
            {
                if (!_hours[hour])
                {
                    continue;
                }

                var local = day.AddHours(hour).AddMinutes(_minute);
                if (zone.IsInvalidTime(local))
                {
                    continue;
                }

                var utc = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
                if (utc > after)
                {
                    yield return utc;
                }
            }
        }
    }

    private static void FillSet(string field, int min, int max, string[]? names, bool[] set, Func<string, Exception> error)
    {
        foreach (var item in field.Split(','))
        {
            var step = 1;
            var range = item;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(item.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
                {
                    throw error(item);
                }

                range = item[..slash];
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                from = Value(dash < 0 ? range : range[..dash], min, max, names, error, item);
                to = dash < 0 ? (slash >= 0 ? max : from) : Value(range[(dash + 1)..], min, max, names, error, item);
                if (to < from)
                {
                    throw error(item);
                }
            }

            for (var v = from; v <= to; v += step)
            {
                set[v] = true;
            }
        }
    }

    private static int Value(string text, int min, int max, string[]? names, Func<string, Exception> error, string item)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        if (names is not null)
        {
            var index = Array.IndexOf(names, text.ToUpperInvariant());
            if (index >= 0)
            {
                return index + min;
            }
        }

        throw error(item);
    }

    /// <summary>Which days a schedule runs on: a day-of-month rule or a day-of-week rule.</summary>
    private sealed class DayRule
    {
        private readonly bool[] _set = new bool[32];
        private bool _lastDay;
        private int _lastDayOffset;
        private int _nearestWeekday;
        private bool _lastWeekday;
        private int _lastWeekdayOf = -1;
        private int _nthDay = -1;
        private int _nth;
        private bool _isDayOfWeek;

        public static DayRule ParseDayOfMonth(string field, Func<string, Exception> error)
        {
            var rule = new DayRule();
            if (field == "L")
            {
                rule._lastDay = true;
            }
            else if (field == "LW")
            {
                rule._lastWeekday = true;
            }
            else if (field.StartsWith("L-", StringComparison.Ordinal))
            {
                rule._lastDay = true;
                rule._lastDayOffset = Value(field[2..], 1, 30, null, error, field);
            }
            else if (field.EndsWith('W'))
            {
                rule._nearestWeekday = Value(field[..^1], 1, 31, null, error, field);
            }
            else
            {
                FillSet(field, 1, 31, null, rule._set, error);
            }

            return rule;
        }

        public static DayRule ParseDayOfWeek(string field, Func<string, Exception> error)
        {
            var rule = new DayRule { _isDayOfWeek = true };
            var hash = field.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                rule._nthDay = Value(field[..hash], 1, 7, DayNames, error, field);
                rule._nth = Value(field[(hash + 1)..], 1, 5, null, error, field);
            }
            else if (field.Length > 1 && field.EndsWith('L'))
            {
                rule._lastWeekdayOf = Value(field[..^1], 1, 7, DayNames, error, field);
            }
            else if (field == "L")
            {
                rule._set[7] = true;
            }
            else
            {
                FillSet(field, 1, 7, DayNames, rule._set, error);
            }

            return rule;
        }

        public bool Matches(DateTime day)
        {
            var daysInMonth = DateTime.DaysInMonth(day.Year, day.Month);
            if (_isDayOfWeek)
            {
                var dow = (int)day.DayOfWeek + 1; // 1 = Sunday
                if (_nthDay > 0)
                {
                    return dow == _nthDay && (day.Day - 1) / 7 + 1 == _nth;
                }

                if (_lastWeekdayOf > 0)
                {
                    return dow == _lastWeekdayOf && day.Day + 7 > daysInMonth;
                }

                return _set[dow];
            }

            if (_lastDay)
            {
                return day.Day == daysInMonth - _lastDayOffset;
            }

            if (_lastWeekday)
            {
                return day.Day == NearestWeekday(day, daysInMonth, daysInMonth);
            }

            if (_nearestWeekday > 0)
            {
                return _nearestWeekday <= daysInMonth && day.Day == NearestWeekday(day, Math.Min(_nearestWeekday, daysInMonth), daysInMonth);
            }

            return _set[day.Day];
        }

        // The weekday nearest to the given day of the same month, never crossing into another month.
        private static int NearestWeekday(DateTime anyDayOfMonth, int target, int daysInMonth)
        {
            var date = new DateTime(anyDayOfMonth.Year, anyDayOfMonth.Month, target, 0, 0, 0, DateTimeKind.Unspecified);
            return date.DayOfWeek switch
            {
                DayOfWeek.Saturday => target > 1 ? target - 1 : target + 2,
                DayOfWeek.Sunday => target < daysInMonth ? target + 1 : target - 2,
                _ => target,
            };
        }
    }
}
