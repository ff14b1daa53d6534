using System.Net.Http.Headers;
using BackupKit.Local;
using BenchmarkDotNet.Attributes;

namespace BackupKit.Benchmarks;

/// <summary>
/// The emulator's throughput: GetBackupPlan with 16 requests in flight (goal: 16,000 per second or more, flat memory).
/// Each invocation sends 1,600 requests from 16 concurrent loops, so Mean is the time per request and
/// 1 / Mean is the throughput. Requests are pre-signed so that only the server's work is measured.
/// </summary>
[MemoryDiagnoser]
public class EmulatorThroughputBenchmarks
{
    private const int InFlight = 16;
    private const int PerLoop = 100;

    private BackupEmulator _emulator = null!;
    private HttpClient _http = null!;
    private Uri _uri = null!;
    private string _authorization = null!;
    private string _amzDate = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await BackupEmulator.StartAsync();
        var planId = await LoopbackFixture.CreatePlanAsync(_emulator.Endpoint);
        (_uri, _authorization, _amzDate) = LoopbackFixture.PresignGetBackupPlan(_emulator.Endpoint, planId);
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = InFlight });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = InFlight * PerLoop)]
    public Task GetBackupPlan_16_in_flight()
    {
        var loops = new Task[InFlight];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = LoopAsync();
        }

        return Task.WhenAll(loops);
    }

    private async Task LoopAsync()
    {
        for (var i = 0; i < PerLoop; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
            request.Headers.TryAddWithoutValidation("X-Amz-Date", _amzDate);
            request.Headers.TryAddWithoutValidation("Authorization", _authorization);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            await response.Content.CopyToAsync(Stream.Null).ConfigureAwait(false);
        }
    }
}
