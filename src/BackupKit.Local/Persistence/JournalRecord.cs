using System.Text.Json.Serialization;

namespace BackupKit.Local.Persistence;

/// <summary>One journal record: the journal's id seed (<c>init</c>), a request as received (<c>http</c>), or a seed file loaded at start (<c>seed</c>).</summary>
internal sealed class JournalRecord
{
    public const string InitKind = "init";
    public const string HttpKind = "http";
    public const string SeedKind = "seed";

    [JsonPropertyName("k")]
    public string Kind { get; set; } = HttpKind;

    /// <summary>The configured clock's time when the request ran, in UTC ticks (the emulator clock's offset is replayed by the admin requests that moved it).</summary>
    [JsonPropertyName("t")]
    public long Ticks { get; set; }

    [JsonPropertyName("seed")]
    public string? Seed { get; set; }

    [JsonPropertyName("m")]
    public string? Method { get; set; }

    /// <summary>The raw request target: path (percent-encoding kept) and query.</summary>
    [JsonPropertyName("u")]
    public string? Target { get; set; }

    [JsonPropertyName("h")]
    public Dictionary<string, string[]>? Headers { get; set; }

    [JsonPropertyName("b")]
    public byte[]? Body { get; set; }

    /// <summary>A seed file's text.</summary>
    [JsonPropertyName("s")]
    public string? Text { get; set; }

    public static JournalRecord Init(string seed) => new() { Kind = InitKind, Seed = seed };
}

[JsonSerializable(typeof(JournalRecord))]
internal sealed partial class JournalJson : JsonSerializerContext;
