// Linked into the netstandard2.0 analyzer project and into BackupKit.Local: BCL only, no records, no init, no Span-only APIs.
using System;

namespace BackupKit.Rules;

/// <summary>
/// The AWS Backup facts BackupKit relies on, written once: limits, defaults and time zones (reference sections 4 to 7
/// and 9). The rules check against these values, the normaliser fills in the defaults, and the emulator answers with
/// them, so the library, the analyzers and the emulator cannot drift apart.
/// </summary>
internal static class AwsFacts
{
    // Backup plans (section 4, quotas in section 9).

    /// <summary>Rules per backup plan (not adjustable).</summary>
    public const int MaxRulesPerPlan = 10;

    /// <summary>Copy actions per rule (not adjustable).</summary>
    public const int MaxCopyActionsPerRule = 5;

    /// <summary>RecoveryPointTags per rule.</summary>
    public const int MaxRecoveryPointTags = 10;

    /// <summary>Backup plans per account and Region (default quota, adjustable).</summary>
    public const int DefaultPlanQuota = 300;

    /// <summary>Versions per backup plan.</summary>
    public const int MaxPlanVersions = 2000;

    /// <summary>The smallest start window: 60 minutes.</summary>
    public const long MinStartWindowMinutes = 60;

    /// <summary>The largest start or completion window: 52,560,000 minutes (100 years).</summary>
    public const long MaxWindowMinutes = 52_560_000;

    /// <summary>The longest lifecycle, in days (100 years).</summary>
    public const long MaxRetentionDays = 36_500;

    /// <summary>How long a recovery point stays in cold storage at least before it may be deleted.</summary>
    public const long MinDaysInColdStorage = 90;

    /// <summary>The longest retention of continuous backups.</summary>
    public const long MaxContinuousRetentionDays = 35;

    // Defaults AWS applies when a rule or plan leaves a value out.

    /// <summary>The schedule of a rule without one: daily at 05:00 UTC.</summary>
    public const string DefaultScheduleExpression = "cron(0 5 ? * * *)";

    /// <summary>The time zone of a schedule without one.</summary>
    public const string DefaultTimeZone = "Etc/UTC";

    /// <summary>The start window of a rule without one: 8 hours.</summary>
    public const long DefaultStartWindowMinutes = 480;

    /// <summary>The completion window of a rule without one: 7 days.</summary>
    public const long DefaultCompletionWindowMinutes = 10_080;

    /// <summary>The start window of a restore testing plan without one: 24 hours.</summary>
    public const int DefaultRestoreTestingStartWindowHours = 24;

    /// <summary>The recovery point selection window of a restore testing plan without one: 30 days.</summary>
    public const int DefaultRestoreTestingSelectionWindowDays = 30;

    // Backup selections (section 5).

    /// <summary>ARNs without wildcards in one Resources or NotResources list.</summary>
    public const int MaxPlainArns = 500;

    /// <summary>ARNs with wildcards in one Resources or NotResources list.</summary>
    public const int MaxWildcardArns = 30;

    /// <summary>ListOfTags entries per selection.</summary>
    public const int MaxSelectionTags = 30;

    /// <summary>Conditions per selection.</summary>
    public const int MaxSelectionConditions = 30;

    /// <summary>Selections per backup plan (not adjustable).</summary>
    public const int MaxSelectionsPerPlan = 100;

    /// <summary>Selections that use tags per backup plan.</summary>
    public const int MaxTagSelectionsPerPlan = 10;

    // Vaults (section 6).

    /// <summary>The shortest compliance-mode cooling-off period: 3 days (72 hours).</summary>
    public const long MinChangeableForDays = 3;

    /// <summary>The shortest minimum retention of a logically air-gapped vault.</summary>
    public const long MinAirGappedRetentionDays = 7;

    /// <summary>Vaults per account and Region (default quota, adjustable).</summary>
    public const int DefaultVaultQuota = 300;

    // Restore testing (section 7).

    /// <summary>Selections per restore testing plan.</summary>
    public const int MaxRestoreTestingSelectionsPerPlan = 30;

    /// <summary>Tags per restore testing plan.</summary>
    public const int MaxRestoreTestingTagsPerPlan = 50;

    /// <summary>Restore testing plans per account.</summary>
    public const int MaxRestoreTestingPlans = 100;

    /// <summary>Explicit ARNs, conditions or vault selectors in a restore testing plan or selection.</summary>
    public const int MaxRestoreTestingItems = 30;

    // Time zones (section 4.2): IANA ids, the same list everywhere; the host's time zone data only computes offsets.

    /// <summary>Returns whether <paramref name="timeZone"/> is an IANA time zone id AWS Backup accepts.</summary>
    /// <param name="timeZone">The id, e.g. <c>Europe/Paris</c>.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public static bool IsKnownTimeZone(string timeZone) => IanaTimeZones.Ids.Contains(timeZone);

    /// <summary>Returns whether <paramref name="timeZone"/> names UTC (AWS reports these as <see cref="DefaultTimeZone"/>).</summary>
    /// <param name="timeZone">The id.</param>
    /// <returns><see langword="true"/> for UTC and its aliases.</returns>
    public static bool IsUtc(string timeZone) => timeZone is "UTC" or "Etc/UTC" or "Etc/GMT" or "GMT";

    /// <summary>
    /// Finds the time zone a schedule is read in, or <see langword="null"/> when <paramref name="timeZone"/> is not an
    /// accepted IANA id (or the host has no data for it).
    /// </summary>
    /// <param name="timeZone">The IANA id; <see langword="null"/> means <see cref="DefaultTimeZone"/>.</param>
    /// <returns>The zone, or <see langword="null"/>.</returns>
    public static TimeZoneInfo? FindTimeZone(string? timeZone)
    {
        var id = timeZone ?? DefaultTimeZone;
        if (IsUtc(id))
        {
            return TimeZoneInfo.Utc;
        }

        if (!IsKnownTimeZone(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
