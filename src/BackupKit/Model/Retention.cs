using System.Globalization;

namespace BackupKit.Model;

/// <summary>
/// A retention period or age counted in whole days, the unit AWS Backup uses for lifecycles and vault locks.
/// </summary>
/// <remarks>
/// "Unset" is never expressed as a <see cref="Retention"/> of zero: model members that may be unset are
/// <c>Retention?</c> and <see langword="null"/> means "not set" (for a delete-after: keep forever).
/// Import the factories with <c>using static BackupKit.Model.Retention;</c> to write <c>Days(35)</c>.
/// </remarks>
public readonly record struct Retention : IComparable<Retention>
{
    private Retention(long totalDays) => TotalDays = totalDays;

    /// <summary>Gets the number of days.</summary>
    public long TotalDays { get; }

    /// <summary>Creates a retention of <paramref name="days"/> days.</summary>
    /// <param name="days">The number of days. A negative number is not thrown here: every place that takes a
    /// retention has a rule of the rules table with its range (BK3001, BK3002, BK6004 to BK6008, BK8002), and
    /// <c>Build()</c> reports it there with the other violations, as the analyzers do at compile time.</param>
    /// <returns>The retention.</returns>
    public static Retention Days(long days) => new(days);

    /// <summary>Creates a retention of <paramref name="weeks"/> weeks (7 days each).</summary>
    /// <param name="weeks">The number of weeks.</param>
    /// <returns>The retention.</returns>
    public static Retention Weeks(int weeks) => Days(checked(weeks * 7L));

    /// <summary>
    /// Creates a retention of <paramref name="years"/> years of 365 days each, the convention of the AWS Backup console
    /// and of the AWS CDK presets (7 years = 2,555 days).
    /// </summary>
    /// <param name="years">The number of years.</param>
    /// <returns>The retention.</returns>
    public static Retention Years(int years) => Days(checked(years * 365L));

    /// <inheritdoc />
    public int CompareTo(Retention other) => TotalDays.CompareTo(other.TotalDays);

    /// <summary>Returns <see langword="true"/> when <paramref name="left"/> is shorter than <paramref name="right"/>.</summary>
    /// <param name="left">The first retention.</param>
    /// <param name="right">The second retention.</param>
    public static bool operator <(Retention left, Retention right) => left.TotalDays < right.TotalDays;

    /// <summary>Returns <see langword="true"/> when <paramref name="left"/> is longer than <paramref name="right"/>.</summary>
    /// <param name="left">The first retention.</param>
    /// <param name="right">The second retention.</param>
    public static bool operator >(Retention left, Retention right) => left.TotalDays > right.TotalDays;

    /// <summary>Returns <see langword="true"/> when <paramref name="left"/> is not longer than <paramref name="right"/>.</summary>
    /// <param name="left">The first retention.</param>
    /// <param name="right">The second retention.</param>
    public static bool operator <=(Retention left, Retention right) => left.TotalDays <= right.TotalDays;

    /// <summary>Returns <see langword="true"/> when <paramref name="left"/> is not shorter than <paramref name="right"/>.</summary>
    /// <param name="left">The first retention.</param>
    /// <param name="right">The second retention.</param>
    public static bool operator >=(Retention left, Retention right) => left.TotalDays >= right.TotalDays;

    /// <summary>Returns the retention as text, e.g. <c>35 days</c>.</summary>
    /// <returns>The number of days followed by the unit.</returns>
    public override string ToString() =>
        TotalDays == 1 ? "1 day" : TotalDays.ToString(CultureInfo.InvariantCulture) + " days";
}
