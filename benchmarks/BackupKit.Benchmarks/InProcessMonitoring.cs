using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace BackupKit.Benchmarks;

/// <summary>
/// The job of the benchmarks whose one operation takes seconds (an emulated day, a drill, an audit, an apply): one
/// warm-up, then one invocation per measured iteration, in-process. A separate benchmark process cannot always be built
/// within BenchmarkDotNet's 2-minute limit on the shared machine, and the default in-process job refuses long operations.
/// </summary>
public abstract class InProcessMonitoring : ManualConfig
{
    protected InProcessMonitoring(int iterations) => AddJob(Job.Dry
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(iterations)
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithToolchain(InProcessEmitToolchain.Instance));

    /// <summary>Three measured iterations.</summary>
    public sealed class ThreeIterations() : InProcessMonitoring(3);

    /// <summary>Five measured iterations.</summary>
    public sealed class FiveIterations() : InProcessMonitoring(5);
}
