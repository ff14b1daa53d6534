using BackupKit.Local.State;

namespace BackupKit.Local.Hosting;

/// <summary>Who calls, where, and when: the account and region the request acts in, their state, and the emulator clock.</summary>
internal sealed class CallContext
{
    public CallContext(string accountId, string region, RegionState state, EmulatorState emulator, TimeProvider clock)
    {
        Emulator = emulator;
        AccountId = accountId;
        Region = region;
        State = state;
        Clock = clock;
    }

    public string AccountId { get; }

    public string Region { get; }

    public RegionState State { get; }

    /// <summary>All accounts and regions, for operations that reach into another one (cross-region and cross-account copies).</summary>
    public EmulatorState Emulator { get; }

    public TimeProvider Clock { get; }

    /// <summary>The current time, to the millisecond as the wire carries it.</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = Clock.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        }
    }
}
