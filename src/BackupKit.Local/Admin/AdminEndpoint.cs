using System.Buffers;
using System.Globalization;
using System.Text.Json;
using BackupKit.Local.Hosting;
using Microsoft.AspNetCore.Http;

namespace BackupKit.Local.Admin;

/// <summary>
/// The emulator's own HTTP API under the reserved prefix <c>/_backupkit/</c> (no AWS route starts with it), for clients
/// that cannot call the .NET API: the inventory of resources (add, get, list, delete, tag, untag, change content), the
/// content of recovery points, restore faults, and the emulator clock. Plain JSON, no SigV4. Documented in the README.
/// </summary>
internal sealed class AdminEndpoint
{
    public const string Prefix = "/_backupkit/";
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly EmulatedInventory _inventory;
    private readonly EmulatorClock _clock;
    private readonly FaultInjector _faults;

    public AdminEndpoint(EmulatedInventory inventory, EmulatorClock clock, FaultInjector faults)
    {
        _inventory = inventory;
        _clock = clock;
        _faults = faults;
    }

    public static bool Handles(ReadOnlySpan<char> rawPath) => rawPath.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext http, string rawPath)
    {
        var method = http.Request.Method;
        var segments = rawPath[Prefix.Length..].Split('/');
        try
        {
            JsonElement body = default;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsDelete(method))
            {
                body = await ReadBodyAsync(http).ConfigureAwait(false);
            }

            switch (segments)
            {
                case ["clock"] when HttpMethods.IsGet(method):
                    await WriteAsync(http, 200, WriteClock).ConfigureAwait(false);
                    return;
                case ["clock", "advance"] when HttpMethods.IsPost(method):
                    var seconds = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("seconds", out var s) && s.TryGetDouble(out var value)
                        ? value
                        : throw new FormatException("Send {\"seconds\": <how far to move the clock forward>}.");
                    if (seconds < 0 || double.IsNaN(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
                    {
                        throw new FormatException("\"seconds\" must be zero or positive: the emulator clock only moves forward.");
                    }

                    _clock.Advance(TimeSpan.FromSeconds(seconds));
                    await WriteAsync(http, 200, WriteClock).ConfigureAwait(false);
                    return;
                case ["resources"] when HttpMethods.IsGet(method):
                    var list = _inventory.List(Query(http, "accountId"), Query(http, "region"));
                    await WriteAsync(http, 200, w =>
                    {
                        w.WriteStartObject();
                        w.WriteStartArray("resources");
                        foreach (var resource in list)
                        {
                            ResourceJson.Write(w, resource);
                        }

                        w.WriteEndArray();
                        w.WriteEndObject();
                    }).ConfigureAwait(false);
                    return;
                case ["resources"] when HttpMethods.IsPut(method) || HttpMethods.IsPost(method):
                    var spec = ResourceJson.ReadSpec(body);
                    var added = _inventory.Add(spec.Arn, spec.Tags, spec.SizeInBytes ?? 1L << 30, spec.Content, spec.AccountId, spec.Region);
                    await WriteResourceAsync(http, added).ConfigureAwait(false);
                    return;
                case ["resources", var arn] when HttpMethods.IsGet(method):
                    await WriteResourceAsync(http, _inventory.Find(Unescape(arn)) ?? throw NotFound(arn)).ConfigureAwait(false);
                    return;
                case ["resources", var arn] when HttpMethods.IsDelete(method):
                    if (!_inventory.Remove(Unescape(arn)))
                    {
                        throw NotFound(arn);
                    }

                    http.Response.StatusCode = 204;
                    return;
                case ["resources", var arn, "tags"] when HttpMethods.IsPut(method) || HttpMethods.IsPost(method):
                    var tags = ResourceJson.Tags(body, "tags") ?? throw new FormatException("Send {\"tags\": {\"key\": \"value\", ...}}.");
                    var tagged = _inventory.Find(Unescape(arn)) ?? throw NotFound(arn);
                    foreach (var (key, tagValue) in tags)
                    {
                        tagged = _inventory.Tag(tagged.Arn, key, tagValue);
                    }

                    await WriteResourceAsync(http, tagged).ConfigureAwait(false);
                    return;
                case ["resources", var arn, "tags"] when HttpMethods.IsDelete(method):
                    var untagged = _inventory.Find(Unescape(arn)) ?? throw NotFound(arn);
                    foreach (var key in http.Request.Query["tagKeys"])
                    {
                        untagged = _inventory.Untag(untagged.Arn, key ?? string.Empty);
                    }

                    await WriteResourceAsync(http, untagged).ConfigureAwait(false);
                    return;
                case ["resources", var arn, "content"] when HttpMethods.IsPut(method) || HttpMethods.IsPost(method):
                    var existing = _inventory.Find(Unescape(arn)) ?? throw NotFound(arn);
                    var changed = _inventory.Change(existing.Arn, ResourceJson.ReadContent(body), ResourceJson.Long(body, "sizeInBytes"));
                    await WriteResourceAsync(http, changed).ConfigureAwait(false);
                    return;
                case ["recovery-points", var pointArn, "content"] when HttpMethods.IsGet(method):
                    var content = _inventory.ContentOf(Unescape(pointArn))
                        ?? throw new KeyNotFoundException($"No recovery point '{Unescape(pointArn)}' with modeled content exists.");
                    await WriteAsync(http, 200, w => ResourceJson.WriteContent(w, content)).ConfigureAwait(false);
                    return;
                case ["faults", "restore"] when HttpMethods.IsPost(method):
                    AddRestoreFault(body);
                    http.Response.StatusCode = 204;
                    return;
                default:
                    await WriteErrorAsync(http, 404, $"BackupKit.Local has no admin route {method} {rawPath}. See the README's 'Admin HTTP path' section.").ConfigureAwait(false);
                    return;
            }
        }
        catch (KeyNotFoundException ex)
        {
            await WriteErrorAsync(http, 404, ex.Message).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException)
        {
            await WriteErrorAsync(http, 400, ex.Message).ConfigureAwait(false);
        }
    }

    private void AddRestoreFault(JsonElement body)
    {
        var pattern = ResourceJson.String(body, "resourceArnPattern") ?? throw new FormatException("A restore fault needs \"resourceArnPattern\".");
        var times = (int)(ResourceJson.Long(body, "times") ?? 1);
        switch (ResourceJson.String(body, "kind"))
        {
            case "fail":
                _faults.FailRestore(pattern, times, ResourceJson.String(body, "message") ?? "Injected fault: the restore failed.");
                break;
            case "corrupt":
                _faults.CorruptRestore(pattern, times);
                break;
            case "incomplete":
                _faults.IncompleteRestore(pattern, times);
                break;
            default:
                throw new FormatException("A restore fault needs \"kind\": \"fail\", \"corrupt\" or \"incomplete\".");
        }
    }

    private void WriteClock(Utf8JsonWriter writer)
    {
        var now = _clock.GetUtcNow();
        writer.WriteStartObject();
        writer.WriteString("now", now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteNumber("epochMillis", now.ToUnixTimeMilliseconds());
        writer.WriteNumber("advancedSeconds", _clock.Offset.TotalSeconds);
        writer.WriteEndObject();
    }

    private static string? Query(HttpContext http, string name) =>
        http.Request.Query.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    private static string Unescape(string segment) => Uri.UnescapeDataString(segment);

    private static KeyNotFoundException NotFound(string arn) => new($"The inventory has no resource '{Unescape(arn)}'.");

    private static Task WriteResourceAsync(HttpContext http, EmulatedResource resource) =>
        WriteAsync(http, 200, w => ResourceJson.Write(w, resource));

    private static Task WriteErrorAsync(HttpContext http, int status, string message) =>
        WriteAsync(http, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteEndObject();
        });

    private static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpContext http)
    {
        using var stream = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (stream.Length + read > MaxBodyBytes)
            {
                throw new FormatException($"The request body is larger than {MaxBodyBytes} bytes.");
            }

            stream.Write(buffer, 0, read);
        }

        if (stream.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }
}
