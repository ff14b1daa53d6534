using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BackupKit.Tests.Client;

/// <summary>
/// A loopback HTTP/1.1 server that records every request byte-for-byte (header names as sent, body) and answers with
/// scripted responses. For wire-level assertions the emulator does not expose (which headers were sent, in which form).
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly Task _loop;

    /// <summary>Listens on a free port of <paramref name="address"/> (IPv4 loopback when null).</summary>
    public RawHttpServer(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Endpoint = new Uri(address.AddressFamily == AddressFamily.InterNetworkV6 ? $"http://[{address}]:{port}" : $"http://{address}:{port}");
        _loop = AcceptLoopAsync();
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The answer when nothing is scripted.</summary>
    public ScriptedResponse Default { get; set; } = new(200, "{}");

    /// <summary>Chooses the answer from the request when set and not null; otherwise the script, then <see cref="Default"/>.</summary>
    public Func<RecordedRequest, ScriptedResponse?>? Respond { get; set; }

    /// <summary>Queues the answer to the next unanswered request.</summary>
    public void Enqueue(ScriptedResponse response) => _script.Enqueue(response);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            var chunk = new byte[8192];
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var headerEnd = IndexOfHeaderEnd(buffer);
                    while (headerEnd < 0)
                    {
                        var read = await stream.ReadAsync(chunk, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        buffer.AddRange(chunk.AsSpan(0, read));
                        headerEnd = IndexOfHeaderEnd(buffer);
                    }

                    var head = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray());
                    var lines = head.Split("\r\n");
                    var requestLine = lines[0].Split(' ');
                    var headers = new List<KeyValuePair<string, string>>();
                    foreach (var line in lines.Skip(1))
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
                    }

                    var length = headers.Where(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        .Select(h => int.Parse(h.Value, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                    var bodyStart = headerEnd + 4;
                    while (buffer.Count < bodyStart + length)
                    {
                        var read = await stream.ReadAsync(chunk, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        buffer.AddRange(chunk.AsSpan(0, read));
                    }

                    var body = buffer.GetRange(bodyStart, length).ToArray();
                    buffer.RemoveRange(0, bodyStart + length);
                    var recorded = new RecordedRequest(requestLine[0], requestLine[1], headers, body);
                    Requests.Enqueue(recorded);

                    var response = Respond?.Invoke(recorded) ?? (_script.TryDequeue(out var scripted) ? scripted : Default);
                    if (response.Delay > TimeSpan.Zero)
                    {
                        await Task.Delay(response.Delay, _stop.Token);
                    }

                    if (response.Drop)
                    {
                        client.Client.LingerState = new LingerOption(true, 0);
                        return;
                    }

                    var bodyBytes = Encoding.UTF8.GetBytes(response.Body);
                    var text = new StringBuilder()
                        .Append("HTTP/1.1 ").Append(response.Status).Append(" X\r\n")
                        .Append("Content-Length: ").Append(bodyBytes.Length).Append("\r\n")
                        .Append("Content-Type: application/json\r\n");
                    foreach (var (name, value) in response.Headers ?? [])
                    {
                        text.Append(name).Append(": ").Append(value).Append("\r\n");
                    }

                    text.Append("\r\n");
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), _stop.Token);
                    await stream.WriteAsync(bodyBytes, _stop.Token);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
            }
        }
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}

internal sealed record RecordedRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string? Header(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public string BodyText => Encoding.UTF8.GetString(Body);
}

internal sealed record ScriptedResponse(int Status, string Body, IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public TimeSpan Delay { get; init; }

    public bool Drop { get; init; }
}
