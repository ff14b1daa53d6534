namespace BackupKit.Local.Hosting;

/// <summary>
/// The emulator's clock: the configured <see cref="TimeProvider"/> plus an offset that only grows. Tests move the
/// configured clock (a fake one); the admin path (<c>POST /_backupkit/clock/advance</c>) moves the offset, which is
/// how the command-line emulator, running on the system clock, is moved forward by non-.NET clients.
/// </summary>
internal sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private long _offsetTicks;

    public EmulatorClock(TimeProvider inner) => _inner = inner;

    /// <summary>How far the admin path has moved the clock ahead of the configured one.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Whether the clock is the plain system clock (then the Date header needs no rewriting).</summary>
    public bool IsSystemClock => ReferenceEquals(_inner, System) && Interlocked.Read(ref _offsetTicks) == 0;

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override long GetTimestamp() => _inner.GetTimestamp();

    /// <summary>Moves the clock forward (never back: AWS time does not run backwards).</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The emulator clock only moves forward.");
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return GetUtcNow();
    }
}
