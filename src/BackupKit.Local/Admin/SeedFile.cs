using System.Text.Json;

namespace BackupKit.Local.Admin;

/// <summary>
/// Loads a seed file into the inventory: <c>{"resources": [ {"arn": ..., "tags": {...}, "sizeInBytes": ...,
/// "content": {"itemCount": ..., "checksum": ...}, "accountId": ..., "region": ...}, ... ]}</c> (see
/// <see cref="ResourceJson"/>).
/// </summary>
internal static class SeedFile
{
    /// <summary>Adds every resource of the seed document; returns how many. Throws <see cref="FormatException"/> or <see cref="ArgumentException"/> saying which entry is wrong.</summary>
    public static int Load(EmulatedInventory inventory, string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("A seed file is a JSON object with a \"resources\" array.");
        }

        var count = 0;
        foreach (var element in resources.EnumerateArray())
        {
            try
            {
                var spec = ResourceJson.ReadSpec(element);
                inventory.Add(spec.Arn, spec.Tags, spec.SizeInBytes ?? 1L << 30, spec.Content, spec.AccountId, spec.Region);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new FormatException($"Seed resource #{count + 1}: {ex.Message}", ex);
            }

            count++;
        }

        return count;
    }
}
