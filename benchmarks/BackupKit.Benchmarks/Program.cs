using BenchmarkDotNet.Running;

namespace BackupKit.Benchmarks;

/// <summary>dotnet run -c Release --project benchmarks/BackupKit.Benchmarks -- --filter '*'</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
