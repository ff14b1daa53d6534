using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using BackupKit.Wire;

namespace BackupKit.Benchmarks;

/// <summary>
/// Closed-loop cost of one <c>GetBackupPlan</c> through BackupKit's client against a bare <see cref="HttpClient"/> that
/// signs each request with AWSSDK.Core (the floor), both against the same canned loopback server running in another
/// process on the other core. Reports, per in-flight level, the median over rounds of the per-round ratios of p50
/// latency and of CPU per call, and the bytes allocated per call.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/BackupKit.Benchmarks -- client-cost [rounds] [calls-per-round]</c>.
/// The driver pins itself to CPU 0 and the server to CPU 1 (Linux/Windows; elsewhere both float). Rounds alternate
/// which side goes first so that drift in the machine's state falls on both.
/// </remarks>
internal static class ClosedLoopClientCost
{
    internal const string PlanId = "0d7a6e5c-9f1e-4b5e-8d67-2b1c3e4f5a6b";

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
        var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4000;
        Pin(Process.GetCurrentProcess(), 0);

        var port = FreePort();
        using var server = StartServer(port);
        var endpoint = new Uri($"http://127.0.0.1:{port}");
        await WaitForServerAsync(endpoint);

        using var client = LoopbackFixture.CreateClient(endpoint);
        using var http = BackupClient.CreateHttpClient();
        var bare = new BareSignedCall(http, endpoint);
        var input = new GetBackupPlanInput { BackupPlanId = PlanId };
        var presigned = LoopbackFixture.PresignGetBackupPlanLikeClient(endpoint, PlanId);
        Func<Task> backupKit = async () => await client.GetBackupPlanAsync(input).ConfigureAwait(false);
        Func<Task> floor = bare.CallAsync;
        Func<Task> presignedFloor = async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, presigned.Uri);
            foreach (var (name, value) in presigned.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        };

        Console.WriteLine($"GetBackupPlan, closed loop, client on CPU 0, canned server on CPU 1; {rounds} rounds x {calls} calls per side");
        Console.WriteLine("Ratios are medians over rounds of BackupKit / floor; floors: a bare HttpClient signing each request with AWSSDK.Core (signed), and one replaying a request signed once (pre-signed).");
        Console.WriteLine("in flight | p50 vs signed | CPU vs signed | p50 vs pre-signed | CPU vs pre-signed | BackupKit p50 | signed p50 | pre-signed p50 | alloc/call BackupKit, signed, pre-signed");
        foreach (var inFlight in new[] { 1, 16 })
        {
            // Warm both paths (JIT tiers, connection pool) before measuring.
            await MeasureAsync(backupKit, inFlight, calls / 2);
            await MeasureAsync(floor, inFlight, calls / 2);
            await MeasureAsync(presignedFloor, inFlight, calls / 2);

            List<double> p50Signed = [], cpuSigned = [], p50Presigned = [], cpuPresigned = [];
            Sample? kit = null, signed = null, pre = null;
            for (var round = 0; round < rounds; round++)
            {
                // Rotate which side goes first.
                var order = new[] { 0, 1, 2 }.Select(i => (i + round) % 3);
                foreach (var side in order)
                {
                    switch (side)
                    {
                        case 0: kit = await MeasureAsync(backupKit, inFlight, calls); break;
                        case 1: signed = await MeasureAsync(floor, inFlight, calls); break;
                        default: pre = await MeasureAsync(presignedFloor, inFlight, calls); break;
                    }
                }

                p50Signed.Add(kit!.P50Microseconds / signed!.P50Microseconds);
                cpuSigned.Add(kit.CpuMicrosecondsPerCall / signed.CpuMicrosecondsPerCall);
                p50Presigned.Add(kit.P50Microseconds / pre!.P50Microseconds);
                cpuPresigned.Add(kit.CpuMicrosecondsPerCall / pre.CpuMicrosecondsPerCall);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{inFlight,9} | {Median(p50Signed),13:F3} | {Median(cpuSigned),13:F3} | {Median(p50Presigned),17:F3} | {Median(cpuPresigned),17:F3} | {kit!.P50Microseconds,10:F1} us | {signed!.P50Microseconds,7:F1} us | {pre!.P50Microseconds,11:F1} us | {kit.BytesPerCall:F0} B, {signed.BytesPerCall:F0} B, {pre.BytesPerCall:F0} B"));
        }

        server.Kill(entireProcessTree: true);
        return 0;
    }

    /// <summary>The canned GetBackupPlan answer (two rules).</summary>
    internal static byte[] CannedBody { get; } = Encoding.UTF8.GetBytes(
        "{\"BackupPlan\":{\"BackupPlanName\":\"bench\",\"Rules\":[" +
        "{\"RuleName\":\"daily\",\"TargetBackupVaultName\":\"bench-vault\",\"ScheduleExpression\":\"cron(0 5 ? * * *)\",\"StartWindowMinutes\":480,\"CompletionWindowMinutes\":10080,\"Lifecycle\":{\"DeleteAfterDays\":35},\"RuleId\":\"1a2b3c4d-0000-4000-8000-000000000001\"}," +
        "{\"RuleName\":\"monthly\",\"TargetBackupVaultName\":\"bench-vault\",\"ScheduleExpression\":\"cron(0 5 1 * ? *)\",\"StartWindowMinutes\":480,\"CompletionWindowMinutes\":10080,\"Lifecycle\":{\"MoveToColdStorageAfterDays\":30,\"DeleteAfterDays\":365},\"RuleId\":\"1a2b3c4d-0000-4000-8000-000000000002\"}]}," +
        $"\"BackupPlanId\":\"{PlanId}\",\"BackupPlanArn\":\"arn:aws:backup:us-east-1:000000000000:backup-plan:{PlanId}\"," +
        "\"VersionId\":\"ZTBkYTZlNWMtOWYxZS00YjVlLThkNjctMmIxYzNlNGY1YTZi\",\"CreationDate\":1767225600.0}");

    /// <summary>Serves the canned answer until killed: <c>canned-server PORT</c>.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        Pin(Process.GetCurrentProcess(), 1);
        var port = int.Parse(args[1], CultureInfo.InvariantCulture);
        var body = CannedBody;
        var head = Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-amzn-RequestId: 6f2c1b7e-0000-4000-8000-000000000000\r\n" +
            $"Date: {DateTime.UtcNow:R}\r\nContent-Length: {body.Length}\r\n\r\n");
        var response = head.Concat(body).ToArray();

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(512);
        while (true)
        {
            var socket = await listener.AcceptSocketAsync();
            socket.NoDelay = true;
            _ = Task.Run(() => ServeConnectionAsync(socket, response));
        }
    }

    private static async Task ServeConnectionAsync(Socket socket, byte[] response)
    {
        using var _ = socket;
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                filled += read;

                // GET requests carry no body: each header block ends one request.
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) >= 0)
                {
                    await socket.SendAsync(response, SocketFlags.None);
                    var consumed = end + 4;
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                    filled -= consumed;
                }
            }
        }
        catch (SocketException)
        {
        }
    }

    private sealed record Sample(double P50Microseconds, double CpuMicrosecondsPerCall, double BytesPerCall);

    private static async Task<Sample> MeasureAsync(Func<Task> call, int inFlight, int calls)
    {
        var latencies = new double[calls];
        var next = -1;
        var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);

        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                var started = Stopwatch.GetTimestamp();
                await call().ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(WorkerAsync)));
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds;
        Array.Sort(latencies);
        return new Sample(latencies[calls / 2], cpu / calls, (double)bytes / calls);
    }

    /// <summary>The floor: the same request, signed per call with AWSSDK.Core's SigV4, its body read as bytes, nothing parsed.</summary>
    private sealed class BareSignedCall(HttpClient http, Uri endpoint)
    {
        private static readonly string EmptyHash = Convert.ToHexString(SHA256.HashData([])).ToLowerInvariant();
        private readonly Uri _uri = new(endpoint, "/backup/plans/" + PlanId);
        private readonly string _host = endpoint.IdnHost + ":" + endpoint.Port.ToString(CultureInfo.InvariantCulture);
        private readonly Amazon.Runtime.ImmutableCredentials _credentials = LoopbackFixture.Credentials.GetCredentials();

        public async Task CallAsync()
        {
            const string SignedHeaders = "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent";
            var now = DateTime.UtcNow;
            var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var invocationId = Guid.NewGuid().ToString();
            var canonical =
                $"GET\n{_uri.AbsolutePath}\n\n" +
                $"amz-sdk-invocation-id:{invocationId}\namz-sdk-request:attempt=1; max=3\nhost:{_host}\n" +
                $"x-amz-content-sha256:{EmptyHash}\nx-amz-date:{amzDate}\nx-amz-user-agent:{BackupClient.SdkUserAgent}\n\n" +
                $"{SignedHeaders}\n{EmptyHash}";
            var signature = AWS4Signer.ComputeSignature(_credentials, LoopbackFixture.Region, now, "backup", SignedHeaders, canonical);

            using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
            var headers = request.Headers;
            headers.TryAddWithoutValidation("Host", _host);
            headers.TryAddWithoutValidation("amz-sdk-invocation-id", invocationId);
            headers.TryAddWithoutValidation("amz-sdk-request", "attempt=1; max=3");
            headers.TryAddWithoutValidation("x-amz-content-sha256", EmptyHash);
            headers.TryAddWithoutValidation("x-amz-date", amzDate);
            headers.TryAddWithoutValidation("x-amz-user-agent", BackupClient.SdkUserAgent);
            headers.TryAddWithoutValidation("User-Agent", BackupClient.FullUserAgent);
            headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        }
    }

    internal static Process StartServer(int port)
    {
        var self = Environment.ProcessPath!;
        var arguments = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? $"\"{typeof(ClosedLoopClientCost).Assembly.Location}\" canned-server {port}"
            : $"canned-server {port}";
        return Process.Start(new ProcessStartInfo(self, arguments) { UseShellExecute = false })!;
    }

    internal static async Task WaitForServerAsync(Uri endpoint)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(endpoint.Host, endpoint.Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("the canned server did not start");
    }

    private static void Pin(Process process, int cpu)
    {
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) && Environment.ProcessorCount > cpu)
        {
            process.ProcessorAffinity = (nint)(1L << cpu);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
