using BackupKit.Rules;

namespace BackupKit.Model;

/// <summary>The resource types AWS Backup can index for backup search.</summary>
public static class IndexResourceType
{
    /// <summary>Amazon EBS snapshots.</summary>
    public const string Ebs = "EBS";

    /// <summary>Amazon S3 backups.</summary>
    public const string S3 = "S3";
}

/// <summary>
/// Default values AWS applies when a rule omits them, in model types; the values come from the one table of AWS facts
/// (<see cref="AwsFacts"/>).
/// </summary>
internal static class AwsDefaults
{
    /// <summary>The schedule of a rule without one: daily at 05:00 UTC.</summary>
    public const string ScheduleExpression = AwsFacts.DefaultScheduleExpression;

    /// <summary>The time zone of a schedule without one.</summary>
    public const string TimeZone = AwsFacts.DefaultTimeZone;

    /// <summary>The start window of a rule without one: 8 hours.</summary>
    public static TimeSpan StartWindow { get; } = TimeSpan.FromMinutes(AwsFacts.DefaultStartWindowMinutes);

    /// <summary>The completion window of a rule without one: 7 days.</summary>
    public static TimeSpan CompletionWindow { get; } = TimeSpan.FromMinutes(AwsFacts.DefaultCompletionWindowMinutes);

    /// <summary>The start window of a restore testing plan without one: 24 hours.</summary>
    public static TimeSpan RestoreTestingStartWindow { get; } = TimeSpan.FromHours(AwsFacts.DefaultRestoreTestingStartWindowHours);

    /// <summary>The recovery point selection window of a restore testing plan without one: 30 days.</summary>
    public static Retention RestoreTestingSelectionWindow { get; } = Retention.Days(AwsFacts.DefaultRestoreTestingSelectionWindowDays);
}
