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
    /// <param name="days">The number of days; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public static Retention Days(long days)
    {
        if (days < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "A retention cannot be negative. To keep recovery points forever, leave the delete-after unset instead.");
        }

        return new Retention(days);
    }

    /// <summary>Creates a retention of <paramref name="weeks"/> weeks (7 days each).</summary>
    /// <param name="weeks">The number of weeks; zero or more.</param>
    public static Retention Weeks(int weeks) => Days(checked(weeks * 7L));

    /// <summary>
    /// Creates a retention of <paramref name="years"/> years of 365 days each, the convention of the AWS Backup console
    /// and of the AWS CDK presets (7 years = 2,555 days).
    /// </summary>
    /// <param name="years">The number of years; zero or more.</param>
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
