using System.Text.Json;

namespace BackupKit.Generator;

/// <summary>The parts of a botocore service model the generator reads.</summary>
public sealed class ServiceModel
{
    private ServiceModel(Dictionary<string, Shape> shapes, List<Operation> operations, Dictionary<string, Paginator> paginators)
    {
        Shapes = shapes;
        Operations = operations;
        Paginators = paginators;
    }

    /// <summary>Shapes by name, in model order.</summary>
    public Dictionary<string, Shape> Shapes { get; }

    /// <summary>Operations sorted by name.</summary>
    public List<Operation> Operations { get; }

    /// <summary>Paginators by operation name.</summary>
    public Dictionary<string, Paginator> Paginators { get; }

    /// <summary>Parses the service model and its paginators.</summary>
    public static ServiceModel Parse(string serviceJson, string paginatorsJson)
    {
        using var service = JsonDocument.Parse(serviceJson);
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var property in service.RootElement.GetProperty("shapes").EnumerateObject())
        {
            shapes.Add(property.Name, ReadShape(property.Name, property.Value));
        }

        var operations = new List<Operation>();
        foreach (var property in service.RootElement.GetProperty("operations").EnumerateObject())
        {
            var op = property.Value;
            var http = op.GetProperty("http");
            operations.Add(new Operation(
                property.Name,
                http.GetProperty("method").GetString()!,
                http.GetProperty("requestUri").GetString()!,
                http.TryGetProperty("responseCode", out var code) ? code.GetInt32() : 200,
                op.TryGetProperty("input", out var input) ? input.GetProperty("shape").GetString() : null,
                op.TryGetProperty("output", out var output) ? output.GetProperty("shape").GetString() : null,
                op.TryGetProperty("errors", out var errors)
                    ? errors.EnumerateArray().Select(e => e.GetProperty("shape").GetString()!).ToList()
                    : [],
                op.TryGetProperty("idempotent", out var idem) && idem.GetBoolean()));
        }

        operations.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        using var pages = JsonDocument.Parse(paginatorsJson);
        var paginators = new Dictionary<string, Paginator>(StringComparer.Ordinal);
        foreach (var property in pages.RootElement.GetProperty("pagination").EnumerateObject())
        {
            var p = property.Value;
            paginators.Add(property.Name, new Paginator(
                p.GetProperty("input_token").GetString()!,
                p.GetProperty("output_token").GetString()!,
                p.TryGetProperty("limit_key", out var limit) ? limit.GetString() : null,
                p.GetProperty("result_key").GetString()!));
        }

        return new ServiceModel(shapes, operations, paginators);
    }

    private static Shape ReadShape(string name, JsonElement json)
    {
        var members = new List<Member>();
        if (json.TryGetProperty("members", out var membersJson))
        {
            var required = json.TryGetProperty("required", out var req)
                ? req.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var m in membersJson.EnumerateObject())
            {
                members.Add(new Member(
                    m.Name,
                    m.Value.GetProperty("shape").GetString()!,
                    m.Value.TryGetProperty("location", out var loc) ? loc.GetString() : null,
                    m.Value.TryGetProperty("locationName", out var locName) ? locName.GetString() : null,
                    required.Contains(m.Name),
                    m.Value.TryGetProperty("idempotencyToken", out var token) && token.GetBoolean()));
            }
        }

        return new Shape(
            name,
            json.GetProperty("type").GetString()!,
            members,
            json.TryGetProperty("member", out var listMember) ? listMember.GetProperty("shape").GetString() : null,
            json.TryGetProperty("key", out var key) ? key.GetProperty("shape").GetString() : null,
            json.TryGetProperty("value", out var value) ? value.GetProperty("shape").GetString() : null,
            json.TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.GetString()!).ToList() : null,
            json.TryGetProperty("min", out var min) ? min.GetInt64() : null,
            json.TryGetProperty("max", out var max) ? max.GetInt64() : null,
            json.TryGetProperty("pattern", out var pattern) ? pattern.GetString() : null,
            json.TryGetProperty("exception", out var exception) && exception.GetBoolean(),
            json.TryGetProperty("fault", out var fault) && fault.GetBoolean(),
            json.TryGetProperty("sensitive", out var sensitive) && sensitive.GetBoolean());
    }
}

/// <summary>A model shape.</summary>
public sealed record Shape(
    string Name,
    string Type,
    List<Member> Members,
    string? ListMember,
    string? MapKey,
    string? MapValue,
    List<string>? Enum,
    long? Min,
    long? Max,
    string? Pattern,
    bool IsException,
    bool IsFault,
    bool IsSensitive);

/// <summary>A structure member and its HTTP binding.</summary>
public sealed record Member(string Name, string ShapeName, string? Location, string? LocationName, bool Required, bool IsIdempotencyToken)
{
    /// <summary>Whether the member travels in the JSON body.</summary>
    public bool InBody => Location is null;
}

/// <summary>An operation and its HTTP binding.</summary>
public sealed record Operation(
    string Name,
    string Method,
    string RequestUri,
    int ResponseCode,
    string? Input,
    string? Output,
    List<string> Errors,
    bool Idempotent);

/// <summary>A botocore paginator.</summary>
public sealed record Paginator(string InputToken, string OutputToken, string? LimitKey, string ResultKey);
