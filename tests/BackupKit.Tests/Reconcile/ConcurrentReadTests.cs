using System.Reflection;
using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Reconcile;

/// <summary>
/// Reading the live state reads independent vaults and plans concurrently, never more at once than
/// <see cref="PostureApplyOptions.MaxConcurrentReads"/>, and the result is the same as reading one after another.
/// </summary>
public sealed class ConcurrentReadTests
{
    private static BackupPosture Posture(int vaults) =>
        Enumerable.Range(0, vaults).Aggregate(
                BackupPosture.Create(),
                (posture, i) => posture
                    .AddVault($"vault-{i:00}", v => v.Lock(VaultLock.Governance()))
                    .AddPlan($"plan-{i:00}", p => p
                        .AddRule("daily", r => r.Daily().InVault($"vault-{i:00}").DeleteAfter(Days(35)).CopyTo($"arn:aws:backup:us-west-2:000000000000:backup-vault:dr-{i:00}"))
                        .Select("tagged", s => s.WhereTag("backup", $"plan-{i:00}"))))
            .Build();

    [Fact]
    public async Task Vaults_are_read_concurrently_within_the_limit_and_the_second_apply_writes_nothing()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        var posture = Posture(12);
        await new PostureApplier(client).ApplyAsync(posture);

        // Each vault read waits until another one is in flight: the read only finishes if reads overlap.
        var gated = InFlightCounter.Wrap(client, "DescribeBackupVaultAsync", requireOverlap: true);
        var writesBefore = emulator.Faults.RequestCount("CreateBackupVault") + emulator.Faults.RequestCount("UpdateBackupPlan");
        var result = await new PostureApplier(gated.Client, new PostureApplyOptions { MaxConcurrentReads = 3 }).ApplyAsync(posture);

        Assert.Empty(result.Created);
        Assert.Empty(result.Updated);
        Assert.Equal(writesBefore, emulator.Faults.RequestCount("CreateBackupVault") + emulator.Faults.RequestCount("UpdateBackupPlan"));
        Assert.InRange(gated.Peak, 2, 3);
        Assert.Equal(12, gated.Calls);
    }

    [Fact]
    public async Task One_read_at_a_time_reads_one_after_another_and_plans_the_same()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        var applied = Posture(6);
        await new PostureApplier(client).ApplyAsync(applied);
        var changed = Posture(8);

        var serial = InFlightCounter.Wrap(client, "GetBackupPlanAsync", requireOverlap: false);
        var serialPlan = await new PostureApplier(serial.Client, new PostureApplyOptions { MaxConcurrentReads = 1 }).PlanAsync(changed);
        var concurrentPlan = await new PostureApplier(client, new PostureApplyOptions { MaxConcurrentReads = 16 }).PlanAsync(changed);

        Assert.Equal(1, serial.Peak);
        Assert.Equal(6, serial.Calls);
        Assert.Equal(
            serialPlan.Changes.Select(c => $"{c.Kind} {c.Action} {c.Name}"),
            concurrentPlan.Changes.Select(c => $"{c.Kind} {c.Action} {c.Name}"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void An_out_of_range_read_limit_is_refused_when_the_applier_is_made(int limit)
    {
        using var client = TestCredentials.CreateClient(new Uri("http://127.0.0.1:9"));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PostureApplier(client, new PostureApplyOptions { MaxConcurrentReads = limit }));

        Assert.Contains($"MaxConcurrentReads is {limit}; set 1 (one read after another) to 16", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Wraps a client and counts how many calls of one operation are in flight at once.</summary>
    public class InFlightCounter : DispatchProxy
    {
        private readonly TaskCompletionSource _overlap = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private IBackupClient _target = null!;
        private string _operation = string.Empty;
        private bool _requireOverlap;
        private int _inFlight;
        private int _peak;
        private int _calls;

        public IBackupClient Client => (IBackupClient)(object)this;

        public int Peak => Volatile.Read(ref _peak);

        public int Calls => Volatile.Read(ref _calls);

        public static InFlightCounter Wrap(IBackupClient target, string operation, bool requireOverlap)
        {
            var proxy = Create<IBackupClient, InFlightCounter>();
            var counter = (InFlightCounter)(object)proxy;
            counter._target = target;
            counter._operation = operation;
            counter._requireOverlap = requireOverlap;
            return counter;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(method);
            if (method.Name != _operation)
            {
                return Call(method, args);
            }

            var output = method.ReturnType.GetGenericArguments()[0];
            return typeof(InFlightCounter).GetMethod(nameof(CountedAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(output).Invoke(this, [method, args]);
        }

        private object? Call(MethodInfo method, object?[]? args)
        {
            try
            {
                return method.Invoke(_target, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }

        private async Task<T> CountedAsync<T>(MethodInfo method, object?[]? args)
        {
            Interlocked.Increment(ref _calls);
            var now = Interlocked.Increment(ref _inFlight);
            int peak;
            while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
            {
            }

            try
            {
                if (now >= 2)
                {
                    _overlap.TrySetResult();
                }

                if (_requireOverlap)
                {
                    // A generous fail-safe, not a timing assertion: without overlap this read would wait forever.
                    await _overlap.Task.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                }

                return await ((Task<T>)Call(method, args)!).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
