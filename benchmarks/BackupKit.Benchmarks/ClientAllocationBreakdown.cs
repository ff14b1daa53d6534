using System.Diagnostics.Tracing;
using System.Globalization;
using BackupKit.Hosting;
using BackupKit.Resilience;
using BackupKit.Telemetry;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace BackupKit.Benchmarks;

/// <summary>
/// Where one <c>GetBackupPlan</c> through the client allocates, by stage: the synchronous stages measured exactly on one
/// thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), the whole call and the bare <see cref="HttpClient"/>
/// floor measured process-wide, one call at a time, against the same canned loopback server as <c>client-cost</c>, and
/// the whole call's allocations sampled by type (the runtime's allocation tick, about one sample per 100 KB).
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/BackupKit.Benchmarks -- client-alloc [calls]</c>.</remarks>
internal static class ClientAllocationBreakdown
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20000;
        var port = ClosedLoopClientCost.FreePort();
        using var server = ClosedLoopClientCost.StartServer(port);
        var endpoint = new Uri($"http://127.0.0.1:{port}");
        await ClosedLoopClientCost.WaitForServerAsync(endpoint);
        try
        {
            using var client = LoopbackFixture.CreateClient(endpoint);
            using var http = BackupClient.CreateHttpClient();
            var binding = BackupOperations.GetBackupPlan;
            var input = new GetBackupPlanInput { BackupPlanId = ClosedLoopClientCost.PlanId };
            var credentials = LoopbackFixture.Credentials.GetCredentials();
            var presigned = LoopbackFixture.PresignGetBackupPlanLikeClient(endpoint, ClosedLoopClientCost.PlanId);
            var body = ClosedLoopClientCost.CannedBody;
            var signer = new SigV4Signer(LoopbackFixture.Region, "backup");
            var host = endpoint.IdnHost + ":" + endpoint.Port.ToString(CultureInfo.InvariantCulture);
            var amzDate = signer.GetAmzDate(DateTimeOffset.UtcNow);
            KeyValuePair<string, string>[] signed =
            [
                new("amz-sdk-invocation-id", "6f2c1b7e-0000-4000-8000-000000000000"),
                new("amz-sdk-request", "attempt=1; max=3"),
                new("host", host),
                new("x-amz-content-sha256", SigV4Signer.EmptyPayloadHash),
                new("x-amz-date", amzDate),
                new("x-amz-user-agent", BackupClient.SdkUserAgent),
            ];
            const string SignedHeaders = "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent";
            var metrics = BackupKitMetrics.Shared;

            Console.WriteLine("Synchronous stages, bytes per call on this thread:");
            Stage("request write (this thread's RequestWriter, query; the path is copied into the URI string)", () =>
            {
                var writer = RequestWriter.Rent(binding.HttpMethod);
                binding.WriteRequest(input, writer);
                _ = writer.PathLength;
                _ = writer.BuildQueryString();
                _ = writer.BuildCanonicalQueryString();
                RequestWriter.Return(writer);
            });
            Stage("invocation id", () => InvocationIds.Next());
            Stage("request URI (new Uri)", () => new Uri(string.Concat("http://127.0.0.1:", port.ToString(CultureInfo.InvariantCulture), "/backup/plans/", ClosedLoopClientCost.PlanId)));
            var uriText = string.Concat("http://127.0.0.1:", port.ToString(CultureInfo.InvariantCulture), "/backup/plans/", ClosedLoopClientCost.PlanId);
            Stage("new Uri of a ready string, and its PathAndQuery (HttpClient writes the request line from it)", () => { _ = new Uri(uriText, UriKind.Absolute).PathAndQuery; });
            Stage("the same with DangerousDisablePathAndQueryCanonicalization", () => { _ = new Uri(uriText, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }).PathAndQuery; });
            Stage("amz date (cached per second)", () => signer.GetAmzDate(DateTimeOffset.UtcNow));
            Stage("SigV4 sign (canonical request, HMAC, Authorization value)", () =>
                signer.Sign(credentials, amzDate, "GET", "/backup/plans/" + ClosedLoopClientCost.PlanId, string.Empty, signed, SignedHeaders, SigV4Signer.EmptyPayloadHash));
            Stage("HttpRequestMessage + 9 headers (TryAddWithoutValidation)", () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, presigned.Uri);
                foreach (var (name, value) in presigned.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            });
            Stage("HttpRequestMessage + the client's 8 headers (Host left to HttpClient)", () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, presigned.Uri);
                foreach (var (name, value) in presigned.Headers)
                {
                    if (name != "Host")
                    {
                        request.Headers.TryAddWithoutValidation(name, value);
                    }
                }
            });
            Stage("whole request: write, call state, sign, message (CreateFirstAttemptRequest)", () =>
            {
                using var request = client.CreateFirstAttemptRequest(binding, input, credentials);
            });
            Stage("parse GetBackupPlan output (Utf8JsonReader)", () => BackupClient.ParseOutput(binding, body, body.Length));
            Stage("resilience fast path (context pool, attempt timeout, outcome, result)", () =>
            {
                var context = ResilienceContextPool.Shared.Get("GetBackupPlan", CancellationToken.None);
                context.Properties.Set(BackupResiliencePipeline.CallKey, null!);
                var cancellation = AttemptCancellation.Start(context.CancellationToken, TimeSpan.FromSeconds(20), TimeProvider.System);
                var outcome = Outcome.FromResult(AttemptResult.Success(200, "6f2c1b7e-0000-4000-8000-000000000000", input));
                cancellation.Dispose();
                outcome.Result!.Dispose();
                ResilienceContextPool.Shared.Return(context);
            });
            var circuit = new EndpointCircuit(new BackupResilienceOptions(), TimeProvider.System, NullLogger.Instance, "bench");
            var success = AttemptResult.Success(200, "6f2c1b7e-0000-4000-8000-000000000000", input);
            Stage("circuit breaker, success recorded (Polly pipeline, closed circuit)", () =>
            {
                var context = ResilienceContextPool.Shared.Get("GetBackupPlan", CancellationToken.None);
                _ = circuit.RecordAsync(context, Outcome.FromResult(success)).Result;
                ResilienceContextPool.Shared.Return(context);
            });
            Stage("telemetry, nobody listening (activity check, metrics)", () =>
            {
                _ = BackupKitTelemetry.ActivitySource.HasListeners();
                metrics.RecordCall("GetBackupPlan", 0.001, null);
            });
            Stage("logging, NullLogger (CallStarting, CallSucceeded)", () =>
            {
                Log.CallStarting(NullLogger.Instance, "GetBackupPlan", "GET", "/backup/plans/x");
                Log.CallSucceeded(NullLogger.Instance, "GetBackupPlan", 200, 1.5, 1, "6f2c1b7e-0000-4000-8000-000000000000");
            });

            Console.WriteLine();
            Console.WriteLine($"Whole calls, one at a time, bytes per call process-wide ({calls} calls each):");
            Func<Task> backupKit = async () => await client.GetBackupPlanAsync(input).ConfigureAwait(false);
            var buffer = new byte[64 * 1024];
            var headers = presigned.Headers;
            using var invoker = new HttpMessageInvoker(BackupClient.CreateHandler(), disposeHandler: true);
            using var cancellable = new CancellationTokenSource();
            Func<Task> presignedBytes = async () =>
            {
                using var request = Replay(presigned.Uri, headers, withHost: true);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            };
            Func<Task> presignedStream = async () =>
            {
                using var request = Replay(presigned.Uri, headers, withHost: true);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                await DrainAsync(response, buffer).ConfigureAwait(false);
            };
            Func<Task> presignedHeadersOnly = async () =>
            {
                using var request = Replay(presigned.Uri, headers, withHost: true);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            };
            Func<Task> presignedInvoker = async () =>
            {
                using var request = Replay(presigned.Uri, headers, withHost: false);
                using var response = await invoker.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
                await DrainAsync(response, buffer).ConfigureAwait(false);
            };
            Func<Task> presignedStreamWithToken = async () =>
            {
                using var request = Replay(presigned.Uri, headers, withHost: true);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellable.Token).ConfigureAwait(false);
                await DrainAsync(response, buffer).ConfigureAwait(false);
            };
            Func<Task> presignedStreamNewUri = async () =>
            {
                using var request = Replay(new Uri(presigned.Uri.OriginalString, UriKind.Absolute), headers, withHost: true);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                await DrainAsync(response, buffer).ConfigureAwait(false);
            };

            await WholeAsync("BackupKit GetBackupPlanAsync", backupKit, calls);
            await WholeAsync("floor: pre-signed, ReadAsByteArrayAsync", presignedBytes, calls);
            await WholeAsync("floor: pre-signed, body read from the stream into one buffer", presignedStream, calls);
            await WholeAsync("floor: pre-signed, ResponseContentRead, body not read by us", presignedHeadersOnly, calls);
            await WholeAsync("floor: pre-signed, stream read, HttpMessageInvoker over the client's handler (no HttpClient; Host from the URI)", presignedInvoker, calls);
            await WholeAsync("floor: pre-signed, stream read, a cancellable token passed to SendAsync (HttpClient links it)", presignedStreamWithToken, calls);
            await WholeAsync("floor: pre-signed, stream read, a new Uri per request (from a ready string)", presignedStreamNewUri, calls);

            Console.WriteLine();
            Console.WriteLine("BackupKit GetBackupPlanAsync, allocations sampled by type (share of sampled bytes, bytes per call):");
            await SampleByTypeAsync(backupKit, calls);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }

        return 0;
    }

    /// <summary>The request signed once, replayed with its headers (the Host header only when asked: the handler writes it from the URI).</summary>
    private static HttpRequestMessage Replay(Uri uri, KeyValuePair<string, string>[] headers, bool withHost)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var (name, value) in headers)
        {
            if (withHost || name != "Host")
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>Reads the whole body from the response stream into one reused buffer.</summary>
    private static async Task DrainAsync(HttpResponseMessage response, byte[] buffer)
    {
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (await stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        }
    }

    private static void Stage(string name, Action action)
    {
        const int Iterations = 20000;
        for (var i = 0; i < 1000; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            action();
        }

        var bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes,8:F0} B  {name}"));
    }

    private static async Task WholeAsync(string name, Func<Task> call, int calls)
    {
        for (var i = 0; i < 500; i++)
        {
            await call();
        }

        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        var bytes = (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes,8:F0} B  {name}"));
    }

    private static async Task SampleByTypeAsync(Func<Task> call, int calls)
    {
        using var listener = new AllocationListener();
        await Task.Delay(200);
        listener.Reset();
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        await Task.Delay(200);
        var samples = listener.Snapshot();
        var total = samples.Sum(s => s.Value);
        foreach (var (type, bytes) in samples.OrderByDescending(s => s.Value).Take(25))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * bytes / total,5:F1} %  {(double)bytes / calls,7:F0} B  {type}"));
        }
    }

    /// <summary>Collects the runtime's GCAllocationTick events (type name and bytes since the last tick).</summary>
    private sealed class AllocationListener : EventListener
    {
        private readonly Dictionary<string, long> _byType = [];
        private readonly Lock _gate = new();

        public void Reset()
        {
            lock (_gate)
            {
                _byType.Clear();
            }
        }

        public Dictionary<string, long> Snapshot()
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_byType);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
            {
                return;
            }

            var names = eventData.PayloadNames!;
            var type = names.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
            var amount = names.IndexOf("AllocationAmount64") is var a and >= 0
                ? Convert.ToInt64(eventData.Payload[a], CultureInfo.InvariantCulture)
                : names.IndexOf("AllocationAmount") is var b and >= 0 ? Convert.ToInt64(eventData.Payload[b], CultureInfo.InvariantCulture) : 0;
            lock (_gate)
            {
                _byType[type] = _byType.GetValueOrDefault(type) + amount;
            }
        }
    }
}
