using BenchmarkDotNet.Running;

namespace BackupKit.Benchmarks;

/// <summary>dotnet run -c Release --project benchmarks/BackupKit.Benchmarks -- --filter '*' (or -- client-cost)</summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Closed-loop measurements that need two processes on two cores run outside BenchmarkDotNet.
        switch (args.FirstOrDefault())
        {
            case "client-cost":
                return await ClosedLoopClientCost.RunAsync(args);
            case "client-alloc":
                return await ClientAllocationBreakdown.RunAsync(args);
            case "canned-server":
                return await ClosedLoopClientCost.ServeAsync(args);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                return 0;
        }
    }
}
