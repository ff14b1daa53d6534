// Linked into the netstandard2.0 analyzer project: BCL only.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace BackupKit.Rules;

/// <summary>
/// A duration as a person says it: <c>7 days 1 hour</c>, <c>90 minutes</c> is <c>1 hour 30 minutes</c>,
/// <c>500 milliseconds</c>; never the raw <c>7.01:00:00</c>. Every message that prints a duration uses this.
/// </summary>
internal static class DurationText
{
    /// <summary>Formats the duration in days, hours, minutes, seconds and milliseconds, leaving out the zero parts.</summary>
    /// <param name="value">The duration.</param>
    /// <returns>For example <c>7 days 1 hour</c>; <c>0 seconds</c> for zero; <c>minus 5 minutes</c> for a negative one.</returns>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0 seconds";
        }

        if (value < TimeSpan.Zero)
        {
            return "minus " + Format(value == TimeSpan.MinValue ? TimeSpan.MaxValue : value.Negate());
        }

        var parts = new List<string>(5);
        Add(parts, value.Days, "day");
        Add(parts, value.Hours, "hour");
        Add(parts, value.Minutes, "minute");
        Add(parts, value.Seconds, "second");
        Add(parts, value.Milliseconds, "millisecond");
        var belowMillisecond = value.Ticks % TimeSpan.TicksPerMillisecond;
        if (belowMillisecond != 0)
        {
            parts.Add((belowMillisecond / 10.0).ToString("0.#", CultureInfo.InvariantCulture) + " microseconds");
        }

        return string.Join(" ", parts);
    }

    private static void Add(List<string> parts, int amount, string unit)
    {
        if (amount != 0)
        {
            parts.Add(amount.ToString("N0", CultureInfo.InvariantCulture) + " " + unit + (amount == 1 ? string.Empty : "s"));
        }
    }
}
