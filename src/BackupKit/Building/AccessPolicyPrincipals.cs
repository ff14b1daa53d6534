using System.Text.Json;

namespace BackupKit.Building;

/// <summary>
/// Reads the principals a vault access policy excepts through <c>aws:PrincipalArn</c> under an ARN condition
/// operator (<c>ArnNotLike</c>, <c>ArnLike</c>, <c>ArnEquals</c>, <c>ArnNotEquals</c>), for the rules table to judge.
/// </summary>
internal static class AccessPolicyPrincipals
{
    /// <summary>The excepted principals, as written; empty when the document is not JSON (AWS judges that itself).</summary>
    public static IReadOnlyList<string?> Read(string policyJson)
    {
        var principals = new List<string?>();
        try
        {
            using var document = JsonDocument.Parse(policyJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("Statement", out var statements))
            {
                return principals;
            }

            foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Enumerable.Repeat(statements, 1))
            {
                if (statement.ValueKind != JsonValueKind.Object || !statement.TryGetProperty("Condition", out var condition) || condition.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var @operator in condition.EnumerateObject())
                {
                    if (!@operator.Name.StartsWith("Arn", StringComparison.Ordinal) || @operator.Value.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    foreach (var key in @operator.Value.EnumerateObject())
                    {
                        // Condition keys are case-insensitive in IAM.
                        if (string.Equals(key.Name, "aws:PrincipalArn", StringComparison.OrdinalIgnoreCase))
                        {
                            AddValues(principals, key.Value);
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            principals.Clear();
        }

        return principals;
    }

    private static void AddValues(List<string?> principals, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                principals.Add(item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText());
            }
        }
        else
        {
            principals.Add(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
        }
    }
}
