// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace BackupKit.Rules;

/// <summary>
/// The one parser of the six-field AWS (EventBridge) cron syntax used by AWS Backup:
/// <c>cron(minutes hours day-of-month month day-of-week year)</c>. The rules check it, the audit measures its
/// intervals and the emulator schedules jobs with <see cref="NextRuns"/>, so all three read a schedule the same way.
/// </summary>
internal sealed class AwsCron
{
    private static readonly string[] s_months = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
    private static readonly string[] s_days = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

    private static readonly FieldSpec[] s_fields =
    {
        new("minutes", 0, 59, null),
        new("hours", 0, 23, null),
        new("day-of-month", 1, 31, null),
        new("month", 1, 12, s_months),
        new("day-of-week", 1, 7, s_days),
        new("year", 1970, 2199, null),
    };

    private readonly SortedSet<int> _hours;
    private readonly SortedSet<int> _months;
    private readonly SortedSet<int> _years;
    private readonly DaySpec _dayOfMonth;
    private readonly DaySpec _dayOfWeek;
    private readonly bool _byDayOfMonth;

    private AwsCron(SortedSet<int>[] values, DaySpec dayOfMonth, DaySpec dayOfWeek, bool byDayOfMonth)
    {
        Minutes = values[0];
        _hours = values[1];
        _months = values[3];
        _years = values[5];
        _dayOfMonth = dayOfMonth;
        _dayOfWeek = dayOfWeek;
        _byDayOfMonth = byDayOfMonth;
    }

    /// <summary>Gets the distinct minutes of the hour at which the expression fires.</summary>
    public SortedSet<int> Minutes { get; }

    /// <summary>
    /// The run times strictly after <paramref name="after"/>, in UTC, with the expression read in
    /// <paramref name="zone"/>; local times skipped by a daylight-saving change do not run.
    /// </summary>
    /// <param name="after">The instant after which runs are wanted.</param>
    /// <param name="zone">The time zone the expression is read in (see <see cref="AwsFacts.FindTimeZone"/>).</param>
    /// <returns>The runs in ascending order, up to the last year cron can name.</returns>
    public IEnumerable<DateTimeOffset> NextRuns(DateTimeOffset after, TimeZoneInfo zone)
    {
        var localStart = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        for (var day = localStart.Date; day.Year <= MaxYear; day = day.AddDays(1))
        {
            if (!_years.Contains(day.Year))
            {
                if (day.Year > _years.Max)
                {
                    yield break;
                }

                day = new DateTime(day.Year, 12, 31, 0, 0, 0, DateTimeKind.Unspecified);
                continue;
            }

            if (!_months.Contains(day.Month) || !(_byDayOfMonth ? _dayOfMonth.MatchesDayOfMonth(day) : _dayOfWeek.MatchesDayOfWeek(day)))
            {
                continue;
            }

            foreach (var hour in _hours)
            {
                foreach (var minute in Minutes)
                {
                    var local = day.AddHours(hour).AddMinutes(minute);
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
    }

    private const int MaxYear = 2199;

    public static AwsCron? TryParse(string expression, out string error)
    {
        var text = expression.Trim();
        if (text.StartsWith("rate(", StringComparison.OrdinalIgnoreCase))
        {
            error = "rate() expressions are not accepted by AWS Backup; write a cron() expression";
            return null;
        }

        if (!text.StartsWith("cron(", StringComparison.Ordinal) || !text.EndsWith(")", StringComparison.Ordinal))
        {
            error = "it must have the form cron(minutes hours day-of-month month day-of-week year)";
            return null;
        }

        var body = text.Substring(5, text.Length - 6);
        var parts = body.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            error = "it has " + parts.Length.ToString(CultureInfo.InvariantCulture) +
                " fields; AWS cron needs exactly 6 (minutes hours day-of-month month day-of-week year)";
            return null;
        }

        var dayOfMonthIsQuestion = parts[2] == "?";
        var dayOfWeekIsQuestion = parts[4] == "?";
        if (dayOfMonthIsQuestion && dayOfWeekIsQuestion)
        {
            error = "day-of-month and day-of-week cannot both be '?'; set one of them";
            return null;
        }

        if (!dayOfMonthIsQuestion && !dayOfWeekIsQuestion)
        {
            error = "exactly one of day-of-month and day-of-week must be '?' (e.g. 'cron(0 5 ? * * *)' or 'cron(0 5 1 * ? *)')";
            return null;
        }

        var all = new SortedSet<int>[6];
        var dayOfMonth = new DaySpec();
        var dayOfWeek = new DaySpec();
        for (var i = 0; i < 6; i++)
        {
            var values = ParseField(s_fields[i], i, parts[i], i == 2 ? dayOfMonth : dayOfWeek, out error);
            if (values is null)
            {
                return null;
            }

            all[i] = values;
        }

        dayOfMonth.Values = all[2];
        dayOfWeek.Values = all[4];

        if (parts[4].Split(',').Length > 1 && parts[4].IndexOf('#') >= 0)
        {
            error = "day-of-week allows only one '#' term and it cannot be combined with other values";
            return null;
        }

        error = string.Empty;
        return new AwsCron(all, dayOfMonth, dayOfWeek, byDayOfMonth: dayOfWeekIsQuestion);
    }

    private static SortedSet<int>? ParseField(FieldSpec spec, int index, string field, DaySpec days, out string error)
    {
        var values = new SortedSet<int>();
        if (field == "?")
        {
            if (index != 2 && index != 4)
            {
                error = "'?' is only allowed in day-of-month or day-of-week, not in " + spec.Name;
                return null;
            }

            error = string.Empty;
            return values;
        }

        foreach (var term in field.Split(','))
        {
            if (!ParseTerm(spec, index, term, values, days, out error))
            {
                return null;
            }
        }

        error = string.Empty;
        return values;
    }

    private static bool ParseTerm(FieldSpec spec, int index, string term, SortedSet<int> values, DaySpec days, out string error)
    {
        error = string.Empty;
        if (term.Length == 0)
        {
            error = "the " + spec.Name + " field has an empty list item";
            return false;
        }

        // Special day-of-month forms: L (last day), LW (last weekday), nW (nearest weekday to n).
        if (index == 2 && term == "L")
        {
            days.LastDay = true;
            return true;
        }

        if (index == 2 && term == "LW")
        {
            days.LastWeekday = true;
            return true;
        }

        if (index == 2 && term.EndsWith("W", StringComparison.Ordinal))
        {
            if (!ParseValue(spec, term.Substring(0, term.Length - 1), out var target, out error))
            {
                return Fail(out error, "'" + term + "' is not a valid day-of-month: 'W' follows a day number (e.g. '15W')");
            }

            days.NearestWeekdays.Add(target);
            return true;
        }

        // Special day-of-week forms: L (Saturday, the last day of the week), nL (last n-day of the month),
        // n#k (k-th n-day of the month).
        if (index == 4 && term == "L")
        {
            values.Add(7);
            return true;
        }

        if (index == 4 && term.Length > 1 && term.EndsWith("L", StringComparison.Ordinal))
        {
            if (!ParseValue(spec, term.Substring(0, term.Length - 1), out var weekday, out error))
            {
                return Fail(out error, "'" + term + "' is not a valid day-of-week: 'L' follows a day (e.g. '6L')");
            }

            days.LastOfMonth.Add(weekday);
            return true;
        }

        var hash = term.IndexOf('#');
        if (hash >= 0)
        {
            if (index != 4)
            {
                return Fail(out error, "'#' is only allowed in day-of-week");
            }

            if (!ParseValue(spec, term.Substring(0, hash), out var nthDay, out error))
            {
                return false;
            }

            if (!int.TryParse(term.Substring(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var nth) || nth < 1 || nth > 5)
            {
                return Fail(out error, "'" + term + "' is not valid: the number after '#' is the week of the month (1 to 5)");
            }

            days.Nth.Add(new KeyValuePair<int, int>(nthDay, nth));
            return true;
        }

        if (term.IndexOf('L') >= 0 || term.IndexOf('W') >= 0 || term.IndexOf('?') >= 0)
        {
            if (spec.Names is null || !IsName(spec, term))
            {
                return Fail(out error, "'" + term + "' is not valid in " + spec.Name);
            }
        }

        var step = 1;
        var rangeText = term;
        var slash = term.IndexOf('/');
        var hasStep = slash >= 0;
        if (hasStep)
        {
            rangeText = term.Substring(0, slash);
            if (!int.TryParse(term.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > spec.Max)
            {
                return Fail(out error, "'" + term + "' has an invalid increment in " + spec.Name + " (a whole number from 1 to " +
                    spec.Max.ToString(CultureInfo.InvariantCulture) + ")");
            }
        }

        int low;
        int high;
        if (rangeText == "*")
        {
            low = spec.Min;
            high = spec.Max;
        }
        else
        {
            var dash = rangeText.IndexOf('-');
            if (dash > 0)
            {
                if (!ParseValue(spec, rangeText.Substring(0, dash), out low, out error) ||
                    !ParseValue(spec, rangeText.Substring(dash + 1), out high, out error))
                {
                    return false;
                }

                if (low > high && index != 4)
                {
                    return Fail(out error, "the range '" + rangeText + "' in " + spec.Name + " runs backwards");
                }
            }
            else
            {
                if (!ParseValue(spec, rangeText, out low, out error))
                {
                    return false;
                }

                high = hasStep ? spec.Max : low;
            }
        }

        if (low <= high)
        {
            for (var v = low; v <= high; v += step)
            {
                values.Add(v);
            }
        }
        else
        {
            // Day-of-week ranges may wrap around the week (e.g. FRI-MON).
            for (var v = low; v <= spec.Max; v += step)
            {
                values.Add(v);
            }

            for (var v = spec.Min; v <= high; v += step)
            {
                values.Add(v);
            }
        }

        return true;
    }

    private static bool ParseValue(FieldSpec spec, string text, out int value, out string error)
    {
        error = string.Empty;
        if (spec.Names is not null)
        {
            for (var i = 0; i < spec.Names.Length; i++)
            {
                if (string.Equals(spec.Names[i], text, StringComparison.OrdinalIgnoreCase))
                {
                    value = spec.Min + i;
                    return true;
                }
            }
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= spec.Min && value <= spec.Max)
        {
            return true;
        }

        error = "'" + text + "' is out of range for " + spec.Name + " (" + spec.Min.ToString(CultureInfo.InvariantCulture) + " to " +
            spec.Max.ToString(CultureInfo.InvariantCulture) + (spec.Names is null ? string.Empty : " or " + spec.Names[0] + " to " + spec.Names[spec.Names.Length - 1]) + ")";
        return false;
    }

    private static bool IsName(FieldSpec spec, string text)
    {
        foreach (var part in text.Split('-', '/'))
        {
            var known = false;
            foreach (var name in spec.Names!)
            {
                known |= string.Equals(name, part, StringComparison.OrdinalIgnoreCase);
            }

            if (!known && !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Fail(out string error, string message)
    {
        error = message;
        return false;
    }

    private sealed class FieldSpec
    {
        public FieldSpec(string name, int min, int max, string[]? names)
        {
            Name = name;
            Min = min;
            Max = max;
            Names = names;
        }

        public string Name { get; }

        public int Min { get; }

        public int Max { get; }

        public string[]? Names { get; }
    }

    /// <summary>The special forms of a day field (L, LW, nW, nL, n#k) beside its plain values.</summary>
    private sealed class DaySpec
    {
        public SortedSet<int> Values { get; set; } = new SortedSet<int>();

        public bool LastDay { get; set; }

        public bool LastWeekday { get; set; }

        public List<int> NearestWeekdays { get; } = new List<int>();

        public List<int> LastOfMonth { get; } = new List<int>();

        public List<KeyValuePair<int, int>> Nth { get; } = new List<KeyValuePair<int, int>>();

        public bool MatchesDayOfMonth(DateTime day)
        {
            var daysInMonth = DateTime.DaysInMonth(day.Year, day.Month);
            if (Values.Contains(day.Day) || (LastDay && day.Day == daysInMonth) || (LastWeekday && day.Day == NearestWeekday(day, daysInMonth, daysInMonth)))
            {
                return true;
            }

            foreach (var target in NearestWeekdays)
            {
                if (target <= daysInMonth && day.Day == NearestWeekday(day, target, daysInMonth))
                {
                    return true;
                }
            }

            return false;
        }

        public bool MatchesDayOfWeek(DateTime day)
        {
            var weekday = (int)day.DayOfWeek + 1; // 1 = Sunday, as in AWS cron
            if (Values.Contains(weekday))
            {
                return true;
            }

            foreach (var last in LastOfMonth)
            {
                if (weekday == last && day.Day + 7 > DateTime.DaysInMonth(day.Year, day.Month))
                {
                    return true;
                }
            }

            foreach (var nth in Nth)
            {
                if (weekday == nth.Key && ((day.Day - 1) / 7) + 1 == nth.Value)
                {
                    return true;
                }
            }

            return false;
        }

        // The weekday nearest to the given day of the same month, never crossing into another month.
        private static int NearestWeekday(DateTime anyDayOfMonth, int target, int daysInMonth)
        {
            var date = new DateTime(anyDayOfMonth.Year, anyDayOfMonth.Month, target, 0, 0, 0, DateTimeKind.Unspecified);
            switch (date.DayOfWeek)
            {
                case DayOfWeek.Saturday:
                    return target > 1 ? target - 1 : target + 2;
                case DayOfWeek.Sunday:
                    return target < daysInMonth ? target + 1 : target - 2;
                default:
                    return target;
            }
        }
    }
}
