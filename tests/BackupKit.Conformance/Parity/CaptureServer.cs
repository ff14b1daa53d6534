using System.Net;
using BackupKit.Conformance.Infrastructure;

namespace BackupKit.Conformance.Parity;

/// <summary>
/// Records every request and answers <c>200 {}</c>. A <c>POST /__case/{name}</c> marker (sent outside any SDK) files
/// the requests that follow under that case name, so the SDK requests themselves carry nothing extra.
/// </summary>
internal sealed class CaptureServer : IAsyncDisposable
{
    private const string MarkerPrefix = "/__case/";
    private readonly LoopbackHttpServer _server;
    private readonly object _gate = new();
    private readonly Dictionary<string, List<CapturedRequest>> _byCase = new(StringComparer.Ordinal);
    private readonly List<CapturedRequest> _all = [];
    private string? _currentCase;

    public CaptureServer()
    {
        _server = LoopbackHttpServer.Start(HandleAsync);
    }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>All SDK requests received, in arrival order (markers excluded).</summary>
    public IReadOnlyList<CapturedRequest> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _all];
            }
        }
    }

    /// <summary>The requests filed under a case marker (empty when the case sent none).</summary>
    public IReadOnlyList<CapturedRequest> ForCase(string name)
    {
        lock (_gate)
        {
            return _byCase.TryGetValue(name, out var list) ? [.. list] : [];
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var rawTarget = request.RawUrl ?? "/";
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);

        if (request.HttpMethod == "POST" && rawTarget.StartsWith(MarkerPrefix, StringComparison.Ordinal))
        {
            lock (_gate)
            {
                _currentCase = Uri.UnescapeDataString(rawTarget[MarkerPrefix.Length..]);
            }

            return;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in request.Headers.AllKeys)
        {
            if (name is not null)
            {
                headers[name.ToLowerInvariant()] = string.Join(',', request.Headers.GetValues(name) ?? []);
            }
        }

        var captured = new CapturedRequest(request.HttpMethod, rawTarget, headers, buffer.ToArray());
        lock (_gate)
        {
            _all.Add(captured);
            if (_currentCase is not null)
            {
                if (!_byCase.TryGetValue(_currentCase, out var list))
                {
                    _byCase[_currentCase] = list = [];
                }

                list.Add(captured);
            }
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.OutputStream.WriteAsync("{}"u8.ToArray()).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
