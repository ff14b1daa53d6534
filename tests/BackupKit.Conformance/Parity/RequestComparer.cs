using System.Text;
using System.Text.Json;

namespace BackupKit.Conformance.Parity;

/// <summary>
/// Compares the request the official JS SDK sent with the one BackupKit's client sent for the same input: method,
/// encoded path, decoded query pairs (as multisets), content type, JSON body (semantic deep equality) and the set of
/// SigV4-signed headers. Returns every difference as a readable line, the query order included (the JS SDK sorts by name).
/// </summary>
internal static class RequestComparer
{
    public static (IReadOnlyList<string> Differences, IReadOnlyList<string> Notes) Compare(CapturedRequest js, CapturedRequest ours)
    {
        var differences = new List<string>();
        var notes = new List<string>();

        if (js.Method != ours.Method)
        {
            differences.Add($"method: JS {js.Method}, ours {ours.Method}");
        }

        if (!string.Equals(js.RawPath, ours.RawPath, StringComparison.Ordinal))
        {
            if (string.Equals(js.RawPath.TrimEnd('/'), ours.RawPath.TrimEnd('/'), StringComparison.Ordinal))
            {
                // Our URIs come from the botocore model (and the AWS API reference), which ends several of them with
                // '/'; the JS SDK is generated from the Smithy model, which drops it. AWS routes both forms.
                notes.Add($"trailing slash differs: JS {js.RawPath}, ours {ours.RawPath} (AWS accepts both)");
            }
            else
            {
                differences.Add($"path: JS {js.RawPath}\n      ours {ours.RawPath}");
            }
        }

        CompareQuery(js, ours, differences, notes);

        var jsType = MediaType(js);
        var ourType = MediaType(ours);
        if (!string.Equals(jsType, ourType, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"content-type: JS {jsType ?? "(none)"}, ours {ourType ?? "(none)"}");
        }

        CompareBody(js.Body, ours.Body, differences);

        var jsSigned = js.SignedHeaders;
        var ourSigned = ours.SignedHeaders;
        if (jsSigned is null || ourSigned is null)
        {
            differences.Add($"signed headers: JS {(jsSigned is null ? "unsigned" : "signed")}, ours {(ourSigned is null ? "unsigned" : "signed")}");
        }
        else if (!jsSigned.SetEquals(ourSigned))
        {
            differences.Add("signed headers: only JS signs {" + string.Join(", ", jsSigned.Except(ourSigned).Order(StringComparer.Ordinal))
                + "}; only ours signs {" + string.Join(", ", ourSigned.Except(jsSigned).Order(StringComparer.Ordinal)) + "}");
        }

        return (differences, notes);
    }

    private static string? MediaType(CapturedRequest request) =>
        request.Headers.TryGetValue("content-type", out var value) ? value.Split(';')[0].Trim() : null;

    private static void CompareQuery(CapturedRequest js, CapturedRequest ours, List<string> differences, List<string> notes)
    {
        var jsPairs = js.QueryPairs.Select(Format).ToList();
        var ourPairs = ours.QueryPairs.Select(Format).ToList();
        var onlyJs = MultisetExcept(jsPairs, ourPairs);
        var onlyOurs = MultisetExcept(ourPairs, jsPairs);
        if (onlyJs.Count > 0 || onlyOurs.Count > 0)
        {
            differences.Add($"query: only JS sends [{string.Join(", ", onlyJs)}]; only ours sends [{string.Join(", ", onlyOurs)}]");
        }
        else if (!jsPairs.SequenceEqual(ourPairs, StringComparer.Ordinal))
        {
            differences.Add($"query order differs (same pairs): JS {js.RawQuery}; ours {ours.RawQuery}");
        }

        static string Format(KeyValuePair<string, string> pair) => $"{pair.Key}={pair.Value}";
    }

    private static List<string> MultisetExcept(List<string> left, List<string> right)
    {
        var remaining = right.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var item in left)
        {
            if (remaining.TryGetValue(item, out var count) && count > 0)
            {
                remaining[item] = count - 1;
            }
            else
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static void CompareBody(byte[] js, byte[] ours, List<string> differences)
    {
        if (js.Length == 0 || ours.Length == 0)
        {
            if (js.Length != ours.Length)
            {
                differences.Add($"body: JS {Describe(js)}, ours {Describe(ours)}");
            }

            return;
        }

        JsonDocument jsDoc, ourDoc;
        try
        {
            jsDoc = JsonDocument.Parse(js);
        }
        catch (JsonException ex)
        {
            differences.Add($"body: the JS body is not JSON ({ex.Message})");
            return;
        }

        try
        {
            ourDoc = JsonDocument.Parse(ours);
        }
        catch (JsonException ex)
        {
            differences.Add($"body: our body is not JSON ({ex.Message}): {Encoding.UTF8.GetString(ours)}");
            jsDoc.Dispose();
            return;
        }

        using (jsDoc)
        using (ourDoc)
        {
            CompareElement("$", jsDoc.RootElement, ourDoc.RootElement, differences);
        }

        static string Describe(byte[] body) => body.Length == 0 ? "no body" : Encoding.UTF8.GetString(body);
    }

    private static void CompareElement(string path, JsonElement js, JsonElement ours, List<string> differences)
    {
        if (js.ValueKind != ours.ValueKind && !(IsBool(js) && IsBool(ours)))
        {
            differences.Add($"body {path}: JS {js.GetRawText()}, ours {ours.GetRawText()}");
            return;
        }

        switch (js.ValueKind)
        {
            case JsonValueKind.Object:
                var jsProps = js.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var ourProps = ours.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                foreach (var (name, value) in jsProps)
                {
                    if (ourProps.TryGetValue(name, out var ourValue))
                    {
                        CompareElement($"{path}.{name}", value, ourValue, differences);
                    }
                    else
                    {
                        differences.Add($"body {path}.{name}: JS sends {value.GetRawText()}, ours omits it");
                    }
                }

                foreach (var (name, value) in ourProps)
                {
                    if (!jsProps.ContainsKey(name))
                    {
                        differences.Add($"body {path}.{name}: ours sends {value.GetRawText()}, JS omits it");
                    }
                }

                break;
            case JsonValueKind.Array:
                var jsItems = js.EnumerateArray().ToList();
                var ourItems = ours.EnumerateArray().ToList();
                if (jsItems.Count != ourItems.Count)
                {
                    differences.Add($"body {path}: JS has {jsItems.Count} items, ours {ourItems.Count}: JS {js.GetRawText()}, ours {ours.GetRawText()}");
                    break;
                }

                for (var i = 0; i < jsItems.Count; i++)
                {
                    CompareElement($"{path}[{i}]", jsItems[i], ourItems[i], differences);
                }

                break;
            case JsonValueKind.Number:
                // Same value whatever the notation (120 vs 120.0, 1.7e9 vs 1700000000).
                if (js.TryGetDecimal(out var a) && ours.TryGetDecimal(out var b) ? a != b : js.GetDouble() != ours.GetDouble())
                {
                    differences.Add($"body {path}: JS {js.GetRawText()}, ours {ours.GetRawText()}");
                }

                break;
            case JsonValueKind.String:
                if (!string.Equals(js.GetString(), ours.GetString(), StringComparison.Ordinal))
                {
                    differences.Add($"body {path}: JS {js.GetRawText()}, ours {ours.GetRawText()}");
                }

                break;
            default:
                if (js.ValueKind != ours.ValueKind)
                {
                    differences.Add($"body {path}: JS {js.GetRawText()}, ours {ours.GetRawText()}");
                }

                break;
        }

        static bool IsBool(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;
    }
}
