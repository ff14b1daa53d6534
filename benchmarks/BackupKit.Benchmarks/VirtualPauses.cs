using System.Diagnostics;
using System.Reflection;
using BackupKit.Wire;
using BackupKit.Verification;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Benchmarks;

/// <summary>
/// Polling pauses in emulated time for many concurrent restores: pauses wait until the drill is quiet (no new pause
/// for a few milliseconds and no call of the <see cref="Track"/>ed client outstanding), then the emulator clock jumps to
/// the earliest pause's end and releases every pause that has ended. Moving the clock while a call is between signing
/// and its answer would make its signature older than the 15 minutes AWS (and the emulator) accept; a call is counted
/// from before it signs, under the same lock as the move, so none can sign with the old time and arrive after it.
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
    private int _outstanding;

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

    /// <summary>Returns the client whose calls hold the clock still while they are outstanding.</summary>
    public IBackupClient Track(IBackupClient client)
    {
        var proxy = DispatchProxy.Create<IBackupClient, CallCounter>();
        ((CallCounter)(object)proxy).Attach(client, this);
        return proxy;
    }

    private void Enter()
    {
        lock (_gate)
        {
            _outstanding++;
        }
    }

    private void Leave()
    {
        lock (_gate)
        {
            _outstanding--;
        }
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
                if (_waiting.Count == 0 || _outstanding > 0 || Stopwatch.GetElapsedTime(_lastPause) < Quiet)
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

    /// <summary>Counts each asynchronous call of the client from before it starts (and signs) until it ends.</summary>
    public class CallCounter : DispatchProxy
    {
        private static readonly MethodInfo CountedOfT = typeof(CallCounter).GetMethod(nameof(CountedAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
        private IBackupClient _target = null!;
        private VirtualPauses _pauses = null!;

        internal void Attach(IBackupClient target, VirtualPauses pauses)
        {
            _target = target;
            _pauses = pauses;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(method);
            if (!method.ReturnType.IsGenericType || method.ReturnType.GetGenericTypeDefinition() != typeof(Task<>))
            {
                return Call(method, args);
            }

            return CountedOfT.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(this, [method, args]);
        }

        private object? Call(MethodInfo method, object?[]? args)
        {
            try
            {
                return method.Invoke(_target, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }

        private async Task<T> CountedAsync<T>(MethodInfo method, object?[]? args)
        {
            _pauses.Enter();
            try
            {
                return await ((Task<T>)Call(method, args)!).ConfigureAwait(false);
            }
            finally
            {
                _pauses.Leave();
            }
        }
    }
}
