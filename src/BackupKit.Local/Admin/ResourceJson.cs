using System.Text.Json;

namespace BackupKit.Local.Admin;

/// <summary>
/// The JSON form of inventory resources shared by the admin path and seed files:
/// <c>{"arn": "...", "tags": {"k": "v"}, "sizeInBytes": 1073741824, "content": {"itemCount": 1000, "checksum": "..."},
/// "accountId": "...", "region": "..."}</c>; only <c>arn</c> is required. Answers add <c>resourceType</c>,
/// <c>resourceName</c> and <c>restoredFromRecoveryPointArn</c>.
/// </summary>
internal static class ResourceJson
{
    /// <summary>A resource to add, as read from JSON.</summary>
    public sealed record Spec(string Arn, Dictionary<string, string>? Tags, long? SizeInBytes, ResourceContent? Content, string? AccountId, string? Region);

    /// <summary>Reads a resource object; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Spec ReadSpec(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A resource must be a JSON object with at least \"arn\".");
        }

        var arn = String(element, "arn") ?? throw new FormatException("A resource needs \"arn\", for example \"arn:aws:dynamodb:us-east-1:000000000000:table/orders\".");
        return new Spec(arn, Tags(element, "tags"), Long(element, "sizeInBytes"), Content(element, "content"), String(element, "accountId"), String(element, "region"));
    }

    /// <summary>Reads <c>{"itemCount": n, "checksum": "..."}</c>.</summary>
    public static ResourceContent ReadContent(JsonElement element)
    {
        var items = Long(element, "itemCount") ?? throw new FormatException("Content needs \"itemCount\" (a number).");
        var checksum = String(element, "checksum") ?? throw new FormatException("Content needs \"checksum\" (a string).");
        return new ResourceContent(items, checksum);
    }

    public static Dictionary<string, string>? Tags(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var tags) || tags.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (tags.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"\"{name}\" must be an object of tag keys to string values.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags.EnumerateObject())
        {
            result[tag.Name] = tag.Value.ValueKind == JsonValueKind.String
                ? tag.Value.GetString()!
                : throw new FormatException($"Tag \"{tag.Name}\" must have a string value.");
        }

        return result;
    }

    public static void Write(Utf8JsonWriter writer, EmulatedResource resource)
    {
        writer.WriteStartObject();
        writer.WriteString("arn", resource.Arn);
        writer.WriteString("resourceType", resource.ResourceType);
        writer.WriteString("resourceName", resource.ResourceName);
        writer.WriteString("accountId", resource.AccountId);
        writer.WriteString("region", resource.Region);
        writer.WriteStartObject("tags");
        foreach (var (key, value) in resource.Tags)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteNumber("sizeInBytes", resource.SizeInBytes);
        writer.WritePropertyName("content");
        WriteContent(writer, resource.Content);
        if (resource.RestoredFromRecoveryPointArn is { } from)
        {
            writer.WriteString("restoredFromRecoveryPointArn", from);
        }
        else
        {
            writer.WriteNull("restoredFromRecoveryPointArn");
        }

        writer.WriteEndObject();
    }

    public static void WriteContent(Utf8JsonWriter writer, ResourceContent content)
    {
        writer.WriteStartObject();
        writer.WriteNumber("itemCount", content.ItemCount);
        writer.WriteString("checksum", content.Checksum);
        writer.WriteEndObject();
    }

    public static string? String(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new FormatException($"\"{name}\" must be a string.");

    public static long? Long(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : throw new FormatException($"\"{name}\" must be a whole number.");

    private static ResourceContent? Content(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? ReadContent(value) : null;
}
