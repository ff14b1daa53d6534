using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace BackupKit.Verification.History;

/// <summary>
/// A history store in one JSON Lines file (one entry per line, appended, flushed to disk before a write returns).
/// Safe for concurrent use within a process; a line cut short by a crash is skipped when read.
/// </summary>
public sealed class FileRestoreHistoryStore : IRestoreHistoryStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates a store over a file, created on first write with its directory.</summary>
    /// <param name="path">The file, for example <c>restore-history.jsonl</c>.</param>
    public FileRestoreHistoryStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Gets the file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async ValueTask AppendAsync(IReadOnlyList<RestoreHistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var buffer = new MemoryStream();
        foreach (var entry in entries)
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, entry);
            }

            buffer.WriteByte((byte)'\n');
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                if (stream.Length > 0)
                {
                    // A line cut short by a crash must not swallow the first entry appended after it.
                    stream.Seek(-1, SeekOrigin.End);
                    var last = new byte[1];
                    await stream.ReadExactlyAsync(last, cancellationToken).ConfigureAwait(false);
                    if (last[0] != (byte)'\n')
                    {
                        stream.WriteByte((byte)'\n');
                    }
                }

                stream.Seek(0, SeekOrigin.End);
                buffer.Position = 0;
                await buffer.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RestoreHistoryEntry> ReadAsync(string? resourceArn = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            yield break;
        }

        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, useAsync: true);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0 || Read(line) is not { } entry)
            {
                continue;
            }

            if (resourceArn is null || string.Equals(entry.ResourceArn, resourceArn, StringComparison.Ordinal))
            {
                yield return entry;
            }
        }
    }

    private static void Write(Utf8JsonWriter writer, RestoreHistoryEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("runId", entry.RunId);
        writer.WriteString("drill", entry.DrillName);
        writer.WriteString("resourceArn", entry.ResourceArn);
        writer.WriteString("resourceType", entry.ResourceType);
        writer.WriteString("verifiedAt", entry.VerifiedAt);
        writer.WriteBoolean("passed", entry.Passed);
        if (entry.RecoveryPointArn is { } point)
        {
            writer.WriteString("recoveryPointArn", point);
        }

        if (entry.RecoveryPointCreatedAt is { } created)
        {
            writer.WriteString("recoveryPointCreatedAt", created);
        }

        if (entry.RestoreDuration is { } restore)
        {
            writer.WriteNumber("restoreSeconds", restore.TotalSeconds);
        }

        if (entry.RecoveryTime is { } recovery)
        {
            writer.WriteNumber("recoverySeconds", recovery.TotalSeconds);
        }

        writer.WriteEndObject();
    }

    private static RestoreHistoryEntry? Read(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new RestoreHistoryEntry
            {
                RunId = root.GetProperty("runId").GetString()!,
                DrillName = root.GetProperty("drill").GetString()!,
                ResourceArn = root.GetProperty("resourceArn").GetString()!,
                ResourceType = root.GetProperty("resourceType").GetString()!,
                VerifiedAt = root.GetProperty("verifiedAt").GetDateTimeOffset(),
                Passed = root.GetProperty("passed").GetBoolean(),
                RecoveryPointArn = root.TryGetProperty("recoveryPointArn", out var point) ? point.GetString() : null,
                RecoveryPointCreatedAt = root.TryGetProperty("recoveryPointCreatedAt", out var created) ? created.GetDateTimeOffset() : null,
                RestoreDuration = root.TryGetProperty("restoreSeconds", out var restore) ? TimeSpan.FromSeconds(restore.GetDouble()) : null,
                RecoveryTime = root.TryGetProperty("recoverySeconds", out var recovery) ? TimeSpan.FromSeconds(recovery.GetDouble()) : null,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // A line cut short by a crash mid-append: the entries before and after it are still good.
            return null;
        }
    }
}
