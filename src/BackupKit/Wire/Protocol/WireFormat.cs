using System.Globalization;
using System.Text.Json;

namespace BackupKit.Wire.Protocol;

/// <summary>
/// restJson1 value formats shared by the generated bindings: timestamps and scalars in query strings and bodies. Both
/// halves need it, so this file is also compiled into BackupKit.Local (linked source, internal in both assemblies).
/// </summary>
internal static class WireFormat
{
    /// <summary>ISO-8601 UTC with milliseconds only when non-zero, as the AWS SDKs write query timestamps.</summary>
    public static string FormatIso8601(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.Millisecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses an ISO-8601 timestamp from a query string.</summary>
    /// <exception cref="WireFormatException">The text is not an ISO-8601 timestamp.</exception>
    public static DateTimeOffset ParseIso8601(string member, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new WireFormatException(member, text, "an ISO-8601 timestamp such as 2024-01-31T12:00:00Z");

    /// <summary>Parses an integer from a query string.</summary>
    /// <exception cref="WireFormatException">The text is not an integer.</exception>
    public static int ParseInt32(string member, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new WireFormatException(member, text, "an integer");

    /// <summary>Parses a long integer from a query string.</summary>
    /// <exception cref="WireFormatException">The text is not an integer.</exception>
    public static long ParseInt64(string member, string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new WireFormatException(member, text, "an integer");

    /// <summary>Parses <c>true</c> or <c>false</c> from a query string.</summary>
    /// <exception cref="WireFormatException">The text is neither.</exception>
    public static bool ParseBoolean(string member, string text) =>
        bool.TryParse(text, out var value) ? value : throw new WireFormatException(member, text, "true or false");

    /// <summary>Writes a timestamp as epoch seconds with millisecond precision (restJson1 body default).</summary>
    public static void WriteEpochSeconds(Utf8JsonWriter writer, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var ms = value.ToUnixTimeMilliseconds();
        if (ms % 1000 == 0)
        {
            writer.WriteNumberValue(ms / 1000);
        }
        else
        {
            writer.WriteNumberValue(ms / 1000m);
        }
    }

    /// <summary>Reads a body timestamp: epoch seconds (fractions allowed), or an ISO-8601 string some services send.</summary>
    /// <exception cref="WireFormatException">The token is neither.</exception>
    public static DateTimeOffset ReadTimestamp(ref Utf8JsonReader reader, string member)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            var seconds = reader.GetDecimal();
            return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero));
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return ParseIso8601(member, reader.GetString()!);
        }

        throw new WireFormatException(member, reader.TokenType.ToString(), "a timestamp in epoch seconds");
    }
}

/// <summary>A value on the wire is not in the form the model's type requires.</summary>
internal sealed class WireFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public WireFormatException(string member, string value, string expected)
        : base($"{member} has the value '{value}', which is not {expected}.")
    {
        Member = member;
        Value = value;
    }

    /// <summary>The member whose value is malformed.</summary>
    public string Member { get; }

    /// <summary>The malformed text.</summary>
    public string Value { get; }
}
