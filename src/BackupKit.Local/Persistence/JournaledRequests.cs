using BackupKit.Local.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace BackupKit.Local.Persistence;

/// <summary>
/// Runs requests one at a time through the request pipeline, each written to the journal (and flushed to disk) before it
/// runs, with the clock pinned to the instant the record carries. Replaying the journal at start runs the same requests
/// in the same order at the same instants, and ids come from the journal's seed (<c>RegionState.NewGuid</c>), so the
/// emulator comes back with the same plans, jobs, recovery points, ids, ARNs and clock. Reads are journaled too: bringing
/// a Region up to date (scheduled runs, jobs finishing) happens inside any call and makes ids.
/// </summary>
internal sealed class JournaledRequests : IDisposable
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly StateJournal _journal;
    private readonly PinnableClock _clock;
    private readonly Func<HttpContext, Task> _pipeline;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public JournaledRequests(StateJournal journal, PinnableClock clock, Func<HttpContext, Task> pipeline)
    {
        _journal = journal;
        _clock = clock;
        _pipeline = pipeline;
    }

    /// <summary>Whether the journal held requests or seeds when it was opened (the emulator came back from earlier runs).</summary>
    public bool Restored => _journal.Records.Count > 1;

    /// <summary>Replays every record read at open; call before the server accepts requests.</summary>
    public async Task ReplayAsync(EmulatedInventory inventory)
    {
        try
        {
            foreach (var record in _journal.Records)
            {
                if (record.Kind == JournalRecord.InitKind)
                {
                    continue;
                }

                _clock.Pin(new DateTimeOffset(record.Ticks, TimeSpan.Zero));
                if (record.Kind == JournalRecord.SeedKind)
                {
                    Admin.SeedFile.Load(inventory, record.Text ?? string.Empty);
                    continue;
                }

                await _pipeline(ReplayContext(record)).ConfigureAwait(false);
            }
        }
        finally
        {
            _clock.Unpin();
        }
    }

    /// <summary>Journals and runs one request received over HTTP.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        await _gate.WaitAsync(http.RequestAborted).ConfigureAwait(false);
        try
        {
            var request = http.Request;
            var body = await ReadBodyAsync(request, http.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                // Larger than the pipeline accepts: it is refused without touching state, so there is nothing to journal.
                await _pipeline(http).ConfigureAwait(false);
                return;
            }

            var now = _clock.Underlying;
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in request.Headers)
            {
                headers[name] = values.ToArray()!;
            }

            var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
            if (string.IsNullOrEmpty(target))
            {
                target = request.PathBase + request.Path + request.QueryString;
            }

            // Durable before the request runs: a kill after this replays it; a kill before it was never acknowledged.
            _journal.Append(new JournalRecord
            {
                Ticks = now.UtcTicks,
                Method = request.Method,
                Target = target,
                Headers = headers,
                Body = body,
            });
            request.Body = new MemoryStream(body, writable: false);
            _clock.Pin(now);
            try
            {
                await _pipeline(http).ConfigureAwait(false);
            }
            finally
            {
                _clock.Unpin();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Loads a seed file through the journal, so that a restart replays it at the same instant.</summary>
    public async Task<int> LoadSeedAsync(EmulatedInventory inventory, string text, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _clock.Underlying;
            _clock.Pin(now);
            try
            {
                // Checked first: a seed file that does not load is not journaled.
                var count = Admin.SeedFile.Load(inventory, text);
                _journal.Append(new JournalRecord { Kind = JournalRecord.SeedKind, Ticks = now.UtcTicks, Text = text });
                return count;
            }
            finally
            {
                _clock.Unpin();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _journal.Dispose();
        _gate.Dispose();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static DefaultHttpContext ReplayContext(JournalRecord record)
    {
        var target = record.Target ?? "/";
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var headers = new HeaderDictionary();
        foreach (var (name, values) in record.Headers ?? [])
        {
            headers[name] = new StringValues(values);
        }

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = record.Method ?? HttpMethods.Get,
            Scheme = "http",
            Protocol = "HTTP/1.1",
            RawTarget = target,
            Path = PathString.FromUriComponent(path),
            QueryString = question < 0 ? string.Empty : target[question..],
            Headers = headers,
            Body = new MemoryStream(record.Body ?? [], writable: false),
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        return new DefaultHttpContext(features);
    }
}
