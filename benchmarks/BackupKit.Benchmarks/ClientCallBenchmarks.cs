using BackupKit.Local;
using BackupKit.Wire;
using BenchmarkDotNet.Attributes;

namespace BackupKit.Benchmarks;

/// <summary>
/// One GetBackupPlan on loopback through BackupKit's client against the same request replayed pre-signed with a bare
/// HttpClient (the floor). Goal: the Ratio of <see cref="BackupKitClient"/> at 1.2 or less. All hit the same in-process emulator.
/// </summary>
/// <remarks>
/// <para>
/// Baseline <see cref="BarePresignedHttpClient"/> (honest floor): the exact request BackupKit's client sends on a first
/// attempt -- same path (no trailing slash), same headers in the same order (<c>Host</c>, <c>amz-sdk-invocation-id</c>,
/// <c>amz-sdk-request</c>, <c>x-amz-content-sha256</c>, <c>x-amz-date</c>, <c>x-amz-user-agent</c>, <c>User-Agent</c>,
/// <c>Authorization</c>), signed once in GlobalSetup over the same signed set with AWSSDK.Core's SigV4 code, so that the
/// emulator does identical work on both sides and the ratio measures only client-side cost. Headers are added with
/// <c>TryAddWithoutValidation</c>; the body is read with <c>ReadAsByteArrayAsync</c>.
/// </para>
/// <para>
/// Both sides use the same HttpClient configuration (<c>BackupClient.CreateHttpClient</c>): a
/// <see cref="System.Net.Http.SocketsHttpHandler"/> with PooledConnectionLifetime 5 min, PooledConnectionIdleTimeout
/// 50 s, AllowAutoRedirect false, UseCookies false, AutomaticDecompression None; and HttpClient.Timeout infinite (the
/// client's resilience pipeline owns timeouts).
/// </para>
/// <para>
/// <see cref="BareMinimalHttpClient"/> is the older, cheaper floor kept for comparison: only <c>X-Amz-Date</c> and
/// <c>Authorization</c> (signed set <c>host;x-amz-date</c>), path with the trailing slash, default
/// <see cref="System.Net.Http.SocketsHttpHandler"/> and HttpClient settings.
/// </para>
/// </remarks>
[MemoryDiagnoser]
public class ClientCallBenchmarks
{
    private BackupEmulator _emulator = null!;
    private HttpClient _http = null!;
    private HttpClient _minimalHttp = null!;
    private BackupClient _client = null!;
    private GetBackupPlanInput _input = null!;
    private PresignedRequest _presigned = null!;
    private Uri _minimalUri = null!;
    private string _minimalAuthorization = null!;
    private string _minimalAmzDate = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await BackupEmulator.StartAsync();
        var planId = await LoopbackFixture.CreatePlanAsync(_emulator.Endpoint);
        _presigned = LoopbackFixture.PresignGetBackupPlanLikeClient(_emulator.Endpoint, planId);
        _http = BackupClient.CreateHttpClient();
        (_minimalUri, _minimalAuthorization, _minimalAmzDate) = LoopbackFixture.PresignGetBackupPlan(_emulator.Endpoint, planId);
        _minimalHttp = new HttpClient(new SocketsHttpHandler());
        _client = LoopbackFixture.CreateClient(_emulator.Endpoint);
        _input = new GetBackupPlanInput { BackupPlanId = planId };

        // The honest floor must be accepted by the emulator exactly like the client's request.
        await BarePresignedHttpClient();
        await _client.GetBackupPlanAsync(_input);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        _http.Dispose();
        _minimalHttp.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<byte[]> BarePresignedHttpClient()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _presigned.Uri);
        var headers = request.Headers;
        foreach (var (name, value) in _presigned.Headers)
        {
            headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    }

    [Benchmark]
    public async Task<byte[]> BareMinimalHttpClient()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _minimalUri);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", _minimalAmzDate);
        request.Headers.TryAddWithoutValidation("Authorization", _minimalAuthorization);
        using var response = await _minimalHttp.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    }

    [Benchmark]
    public Task<GetBackupPlanOutput> BackupKitClient() => _client.GetBackupPlanAsync(_input);
}
