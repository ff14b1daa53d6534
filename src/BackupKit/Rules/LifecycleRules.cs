// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System.Collections.Generic;

namespace BackupKit.Rules;

/// <summary>Lifecycle and continuous backup rules (BK3xxx).</summary>
internal static class LifecycleRules
{
    /// <summary>The longest retention AWS accepts anywhere: 36,500 days (100 years).</summary>
    public const long MaxDays = AwsFacts.MaxRetentionDays;

    /// <summary>How long a recovery point must stay in cold storage before it may be deleted: 90 days.</summary>
    public const long MinDaysInColdStorage = AwsFacts.MinDaysInColdStorage;

    /// <summary>The longest retention of continuous backups: 35 days.</summary>
    public const long MaxContinuousDays = AwsFacts.MaxContinuousRetentionDays;

    /// <summary>
    /// Checks a lifecycle of a rule or a copy action (BK3001, BK3002, BK3003). <see langword="null"/> members are
    /// unset (never move to cold storage, never delete).
    /// </summary>
    /// <param name="moveToColdStorageAfterDays">The cold storage transition age in days, or <see langword="null"/>.</param>
    /// <param name="deleteAfterDays">The deletion age in days, or <see langword="null"/>.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckLifecycle(long? moveToColdStorageAfterDays, long? deleteAfterDays)
    {
        var violations = new List<RuleViolation>();
        if (deleteAfterDays is { } delete && (delete < 1 || delete > MaxDays))
        {
            violations.Add(new RuleViolation(RuleCatalog.DeleteAfterRange, "deleteAfter", RuleViolation.Days(delete),
                "Keep recovery points between 1 and 36,500 days, or leave delete-after unset to keep them forever.",
                RuleViolation.Days(delete)));
        }

        if (moveToColdStorageAfterDays is { } cold && (cold < 0 || cold > MaxDays))
        {
            violations.Add(new RuleViolation(RuleCatalog.ColdStorageRange, "moveToColdStorageAfter", RuleViolation.Days(cold),
                "Move to cold storage after 0 to 36,500 days, or leave it unset to stay in warm storage.",
                RuleViolation.Days(cold)));
        }

        // The gap is only compared between values AWS accepts; an out-of-range one is reported above, once.
        if (violations.Count == 0 && moveToColdStorageAfterDays is { } coldDays && deleteAfterDays is { } deleteDays && deleteDays < coldDays + MinDaysInColdStorage)
        {
            // Moving earlier only helps when the retention leaves room for 90 days in cold storage at all.
            var latestCold = deleteDays - MinDaysInColdStorage;
            var moveEarlier = latestCold >= 0
                ? ", or move to cold storage no later than day " + latestCold.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : string.Empty;
            violations.Add(new RuleViolation(RuleCatalog.ColdToDeleteGap, "deleteAfter", RuleViolation.Days(deleteDays),
                "Delete after at least " + RuleViolation.Days(coldDays + MinDaysInColdStorage) + moveEarlier + ", or drop the cold storage transition.",
                RuleViolation.Days(deleteDays), RuleViolation.Days(coldDays)));
        }

        return violations;
    }

    /// <summary>
    /// Checks a continuous backup (point-in-time recovery) rule (BK3004, BK3005): it needs a delete-after of 1 to 35
    /// days and no cold storage transition.
    /// </summary>
    /// <param name="continuousBackup">Whether continuous backup is enabled; when <see langword="false"/> nothing is checked.</param>
    /// <param name="moveToColdStorageAfterDays">The cold storage transition age in days, or <see langword="null"/>.</param>
    /// <param name="deleteAfterDays">The deletion age in days, or <see langword="null"/> (never).</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckContinuousBackup(bool continuousBackup, long? moveToColdStorageAfterDays, long? deleteAfterDays)
    {
        if (!continuousBackup)
        {
            return Violations.None;
        }

        var violations = new List<RuleViolation>();
        // A delete-after outside 1 to 36,500 days is BK3001, reported by CheckLifecycle; not also BK3004.
        if (deleteAfterDays is not { } delete || (delete > MaxContinuousDays && delete <= MaxDays))
        {
            violations.Add(new RuleViolation(RuleCatalog.ContinuousRetention, "deleteAfter", RuleViolation.Days(deleteAfterDays),
                "Set delete-after between 1 and 35 days for continuous backup; for longer retention add a separate snapshot rule.",
                deleteAfterDays is null ? "forever" : "for " + RuleViolation.Days(deleteAfterDays)));
        }

        if (moveToColdStorageAfterDays is { } cold)
        {
            violations.Add(new RuleViolation(RuleCatalog.ContinuousColdStorage, "moveToColdStorageAfter", RuleViolation.Days(cold),
                "Remove the cold storage transition from the continuous backup rule; use a separate snapshot rule for cold storage.",
                RuleViolation.Days(cold)));
        }

        return violations;
    }
}
