using BackupKit.Local;
using BackupKit.Wire;
using BenchmarkDotNet.Attributes;

namespace BackupKit.Benchmarks;

/// <summary>
/// One GetBackupPlan on loopback through BackupKit's client against the same request sent pre-signed with a bare
/// HttpClient (the floor). Goal: the Ratio column at 1.2 or less. Both hit the same in-process emulator.
/// </summary>
[MemoryDiagnoser]
public class ClientCallBenchmarks
{
    private BackupEmulator _emulator = null!;
    private HttpClient _http = null!;
    private BackupClient _client = null!;
    private GetBackupPlanInput _input = null!;
    private Uri _uri = null!;
    private string _authorization = null!;
    private string _amzDate = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await BackupEmulator.StartAsync();
        var planId = await LoopbackFixture.CreatePlanAsync(_emulator.Endpoint);
        (_uri, _authorization, _amzDate) = LoopbackFixture.PresignGetBackupPlan(_emulator.Endpoint, planId);
        _http = new HttpClient(new SocketsHttpHandler());
        _client = LoopbackFixture.CreateClient(_emulator.Endpoint);
        _input = new GetBackupPlanInput { BackupPlanId = planId };
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<byte[]> BarePresignedHttpClient()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", _amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    }

    [Benchmark]
    public Task<GetBackupPlanOutput> BackupKitClient() => _client.GetBackupPlanAsync(_input);
}
