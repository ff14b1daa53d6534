namespace BackupKit.Verification;

/// <summary>
/// Which recovery point of each resource a drill restores. Only usable recovery points are ever chosen: status
/// <c>COMPLETED</c> and not past their deletion date. A resource with no usable point in the window fails preflight.
/// </summary>
public sealed record RecoveryPointChoice
{
    private RecoveryPointChoice(RecoveryPointChoiceKind kind, TimeSpan? window, int? seed)
    {
        Kind = kind;
        Window = window;
        Seed = seed;
    }

    /// <summary>Gets how the point is chosen.</summary>
    public RecoveryPointChoiceKind Kind { get; }

    /// <summary>Gets how far back from the drill's start points are considered; <see langword="null"/> for no limit.</summary>
    public TimeSpan? Window { get; }

    /// <summary>Gets the seed of a random choice (the same seed and points give the same choice), or <see langword="null"/> for a fresh one per drill.</summary>
    public int? Seed { get; }

    /// <summary>Gets the choice of the newest usable recovery point, however old.</summary>
    public static RecoveryPointChoice Latest { get; } = new(RecoveryPointChoiceKind.Latest, null, null);

    /// <summary>The newest usable recovery point created within <paramref name="window"/> before the drill (AWS <c>LATEST_WITHIN_WINDOW</c>).</summary>
    /// <param name="window">How far back points are considered; positive.</param>
    /// <returns>The choice.</returns>
    public static RecoveryPointChoice LatestWithin(TimeSpan window) => new(RecoveryPointChoiceKind.Latest, Positive(window), null);

    /// <summary>A random usable recovery point created within <paramref name="window"/> before the drill (AWS <c>RANDOM_WITHIN_WINDOW</c>).</summary>
    /// <param name="window">How far back points are considered; positive.</param>
    /// <param name="seed">A seed for a reproducible choice, or <see langword="null"/>.</param>
    /// <returns>The choice.</returns>
    public static RecoveryPointChoice RandomWithin(TimeSpan window, int? seed = null) => new(RecoveryPointChoiceKind.Random, Positive(window), seed);

    /// <inheritdoc />
    public override string ToString() => (Kind, Window) switch
    {
        (RecoveryPointChoiceKind.Latest, null) => "latest",
        (RecoveryPointChoiceKind.Latest, { } w) => $"latest within {w.TotalHours:0.##} h",
        (_, { } w) => $"random within {w.TotalHours:0.##} h",
        _ => "random",
    };

    private static TimeSpan Positive(TimeSpan window) => window > TimeSpan.Zero
        ? window
        : throw new ArgumentOutOfRangeException(nameof(window), window, "A recovery point window must be positive, for example TimeSpan.FromDays(1).");
}

/// <summary>How a <see cref="RecoveryPointChoice"/> picks among the usable points.</summary>
public enum RecoveryPointChoiceKind
{
    /// <summary>The newest.</summary>
    Latest,

    /// <summary>A random one.</summary>
    Random,
}
