namespace BackupKit.Verification;

/// <summary>How a <see cref="RestoreJobOperation"/> waits: polling with exponential backoff up to a deadline.</summary>
public sealed class RestoreJobPolling
{
    /// <summary>Gets or sets the first pause between two <c>DescribeRestoreJob</c> calls. Default 30 seconds.</summary>
    public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest pause between two calls. Default 5 minutes.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the factor by which the pause grows after each poll. Default 2.</summary>
    public double BackoffFactor { get; set; } = 2;

    /// <summary>
    /// Gets or sets how long after the job's start the wait gives up with a <see cref="TimeoutException"/>. Default 24
    /// hours: a DynamoDB table restore takes at least about 20 minutes and large databases take hours.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets how a pause is taken, or <see langword="null"/> to wait on the operation's <see cref="TimeProvider"/>.
    /// Tests that drive an emulator with a fake clock set it to move that clock instead of waiting. Moving it to
    /// <see cref="RestorePollPause.Until"/> (not by <see cref="RestorePollPause.Duration"/>) keeps many concurrent
    /// pollers from pushing the clock further than any of them asked:
    /// <c>(pause, ct) =&gt; { lock (gate) if (fake.GetUtcNow() &lt; pause.Until) fake.SetUtcNow(pause.Until); return Task.CompletedTask; }</c>.
    /// </summary>
    public Func<RestorePollPause, CancellationToken, Task>? Delay { get; set; }

    /// <summary>Checks the settings and throws one exception naming every wrong one.</summary>
    /// <param name="path">Where these settings sit, for the message.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate(string path = "Polling")
    {
        var problems = new List<string>();
        Collect(problems, path);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems));
        }
    }

    internal void Collect(List<string> problems, string path)
    {
        if (InitialInterval <= TimeSpan.Zero)
        {
            problems.Add($"{path}.InitialInterval must be positive (was {BackupKit.Rules.DurationText.Format(InitialInterval)}); AWS suggests polling restore jobs every 30 seconds or more.");
        }

        if (MaxInterval < InitialInterval)
        {
            problems.Add($"{path}.MaxInterval ({BackupKit.Rules.DurationText.Format(MaxInterval)}) must be at least InitialInterval ({BackupKit.Rules.DurationText.Format(InitialInterval)}).");
        }

        if (!(BackoffFactor >= 1) || double.IsInfinity(BackoffFactor))
        {
            problems.Add($"{path}.BackoffFactor must be a finite number of at least 1 (was {BackoffFactor}).");
        }

        if (Deadline <= TimeSpan.Zero)
        {
            problems.Add($"{path}.Deadline must be positive (was {BackupKit.Rules.DurationText.Format(Deadline)}).");
        }
    }

    internal Task DelayAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Delay is { } delayer ? delayer(new RestorePollPause(delay, timeProvider.GetUtcNow() + delay), cancellationToken) : Task.Delay(delay, timeProvider, cancellationToken);

    internal TimeSpan Next(TimeSpan current) =>
        TimeSpan.FromTicks((long)Math.Min(MaxInterval.Ticks, current.Ticks * BackoffFactor));
}

/// <summary>A pause between two polls of a restore job.</summary>
/// <param name="Duration">How long the pause lasts.</param>
/// <param name="Until">When it ends, on the operation's clock: the time of the last poll plus <paramref name="Duration"/>.</param>
public readonly record struct RestorePollPause(TimeSpan Duration, DateTimeOffset Until);
