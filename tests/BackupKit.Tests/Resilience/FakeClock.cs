using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Tests.Resilience;

/// <summary>
/// Moves a client's fake clock in small steps until something happens, and says how far it moved: timing assertions
/// on the client's own clock, never on the wall clock of a loaded machine.
/// </summary>
internal static class FakeClock
{
    /// <summary>Advances <paramref name="time"/> by <paramref name="step"/> until <paramref name="done"/> holds, at most <paramref name="limit"/>.</summary>
    /// <returns>How far the clock moved.</returns>
    public static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done, TimeSpan step, TimeSpan limit)
    {
        var moved = TimeSpan.Zero;

        // Each step lets the continuations it released run (timers fire synchronously; the HTTP stack needs real I/O).
        while (!await SettlesAsync(done) && moved < limit)
        {
            time.Advance(step);
            moved += step;
        }

        Assert.True(done(), $"nothing happened within {limit} of the client's clock");
        return moved;
    }

    /// <summary>Waits, in real time but bounded, for the emulator to see a request: I/O the fake clock does not drive.</summary>
    public static async Task WaitUntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 500 && !done(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(done(), "the emulator never saw the request");
    }

    private static async Task<bool> SettlesAsync(Func<bool> done)
    {
        for (var i = 0; i < 5 && !done(); i++)
        {
            await Task.Delay(5);
        }

        return done();
    }
}
