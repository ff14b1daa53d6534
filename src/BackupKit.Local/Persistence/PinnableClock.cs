namespace BackupKit.Local.Persistence;

/// <summary>
/// The configured clock, held still while a journaled request runs: the request sees one instant, the one its journal
/// record carries, so that replaying the record later reproduces exactly what the request did.
/// </summary>
internal sealed class PinnableClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private long _pinnedTicks = -1;

    public PinnableClock(TimeProvider inner) => _inner = inner;

    /// <summary>The configured clock's time, never the pinned one.</summary>
    public DateTimeOffset Underlying => _inner.GetUtcNow();

    public override DateTimeOffset GetUtcNow()
    {
        var pinned = Interlocked.Read(ref _pinnedTicks);
        return pinned >= 0 ? new DateTimeOffset(pinned, TimeSpan.Zero) : _inner.GetUtcNow();
    }

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override long GetTimestamp() => _inner.GetTimestamp();

    public void Pin(DateTimeOffset at) => Interlocked.Exchange(ref _pinnedTicks, at.UtcTicks);

    public void Unpin() => Interlocked.Exchange(ref _pinnedTicks, -1);
}
