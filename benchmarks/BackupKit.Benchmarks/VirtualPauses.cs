using System.Diagnostics;
using BackupKit.Verification;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Benchmarks;

/// <summary>
/// Polling pauses in emulated time for many concurrent restores: pauses wait until the drill is quiet (no new pause
/// for a few milliseconds, so no request is in flight), then the emulator clock jumps to the earliest pause's end and
/// releases every pause that has ended. Moving the clock while requests are in flight would make their signatures
/// older than the 15 minutes AWS (and the emulator) accept.
/// </summary>
internal sealed class VirtualPauses : IAsyncDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(5);

    private readonly FakeTimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset Until, TaskCompletionSource Done)> _waiting = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _driver;
    private long _lastPause = Stopwatch.GetTimestamp();

    public VirtualPauses(FakeTimeProvider clock)
    {
        _clock = clock;
        _driver = Task.Run(DriveAsync);
    }

    public Task PauseAsync(RestorePollPause pause, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting.Add((pause.Until, done));
            _lastPause = Stopwatch.GetTimestamp();
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _driver;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task DriveAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(1, _stop.Token);
            lock (_gate)
            {
                if (_waiting.Count == 0 || Stopwatch.GetElapsedTime(_lastPause) < Quiet)
                {
                    continue;
                }

                var earliest = _waiting.Min(w => w.Until);
                if (_clock.GetUtcNow() < earliest)
                {
                    _clock.SetUtcNow(earliest);
                }

                var now = _clock.GetUtcNow();
                for (var i = _waiting.Count - 1; i >= 0; i--)
                {
                    if (_waiting[i].Until <= now)
                    {
                        _waiting[i].Done.TrySetResult();
                        _waiting.RemoveAt(i);
                    }
                }
            }
        }
    }
}
