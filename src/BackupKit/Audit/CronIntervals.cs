using BackupKit.Rules;

namespace BackupKit.Audit;

/// <summary>
/// The longest time between two runs of an AWS cron schedule: what the frequency controls compare. Runs over one
/// leap-free year plus a month, so weekly, monthly and yearly schedules show their real gaps (a monthly schedule on the
/// 31st skips short months). The runs come from the one cron parser of the rules table (<see cref="AwsCron"/>), the
/// one the emulator schedules jobs with.
/// </summary>
internal static class CronIntervals
{
    private static readonly DateTimeOffset s_start = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns the longest interval between runs, or <see langword="null"/> when the expression cannot be read.</summary>
    public static TimeSpan? LongestInterval(string cronExpression)
    {
        var cron = AwsCron.TryParse(cronExpression, out _);
        if (cron is null)
        {
            return null;
        }

        var end = s_start.AddDays(365 + 62);
        DateTimeOffset? previous = null;
        var longest = TimeSpan.Zero;
        foreach (var run in cron.NextRuns(s_start.AddTicks(-1), TimeZoneInfo.Utc))
        {
            if (run >= end)
            {
                break;
            }

            if (previous is { } p && run - p > longest)
            {
                longest = run - p;
            }

            previous = run;
        }

        return previous is null ? null : longest == TimeSpan.Zero ? TimeSpan.FromDays(365) : longest;
    }
}
