using System.Globalization;
using System.Text.RegularExpressions;

namespace BackupKit.Generator;

/// <summary>
/// Turns the AWS Backup service model into C# in two halves. The client half (src/BackupKit/Wire/Generated): the
/// public shapes, enums, errors, client interface and paginators, and the internal request writers, response readers
/// and client bindings. The server half (src/BackupKit.Local/Protocol/Generated, all internal): request readers,
/// response writers, model-constraint validation and the bindings the emulator routes with.
/// </summary>
public static partial class WireCodeGenerator
{
    private const string Namespace = "BackupKit.Wire";

    private const string ServerNamespace = "BackupKit.Local.Protocol";

    /// <summary>Generates every file, keyed by its path relative to the repository root (forward slashes).</summary>
    public static IReadOnlyDictionary<string, string> Generate(string serviceJson, string paginatorsJson)
    {
        var model = ServiceModel.Parse(serviceJson, paginatorsJson);
        var context = new Context(model);
        static string Client(string name) => RepositoryLayout.ClientOutputDirectory + "/" + name;
        static string Server(string name) => RepositoryLayout.ServerOutputDirectory + "/" + name;
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [Client("Shapes.g.cs")] = GenerateShapes(context),
            [Client("Enums.g.cs")] = GenerateEnums(context),
            [Client("Errors.g.cs")] = GenerateErrors(context),
            [Client("WireJson.g.cs")] = GenerateJson(context, server: false),
            [Client("Operations.g.cs")] = GenerateOperations(context),
            [Client("Client.g.cs")] = GenerateClient(context),
            [Client("Pagination.g.cs")] = GeneratePagination(context),
            [Server("ServerJson.g.cs")] = GenerateJson(context, server: true),
            [Server("ServerValidation.g.cs")] = GenerateValidation(context),
            [Server("ServerOperations.g.cs")] = GenerateServerOperations(context),
        };
    }

    /// <summary>
    /// The server half imports the shapes inside its namespace, so that a model shape (such as <c>Index</c>) wins over a
    /// System type of the same name, as it does in the client half, which lives in the shapes' own namespace.
    /// </summary>
    private static void ServerUsings(CodeWriter w) => w.Line($"using {Namespace};").Line();

    private sealed class Context
    {
        public Context(ServiceModel model)
        {
            Model = model;
            foreach (var op in model.Operations)
            {
                InputNames[op.Name] = op.Input ?? op.Name + "Input";
                if (op.Input is not null)
                {
                    InputShapes.Add(op.Input);
                }
            }

            InputReach = Reach(model.Operations.Select(o => o.Input));
            OutputReach = Reach(model.Operations.Select(o => o.Output));
        }

        /// <summary>Structure, list and map shapes a request carries (the client writes them, the server reads them).</summary>
        public HashSet<string> InputReach { get; }

        /// <summary>Structure, list and map shapes a response carries (the server writes them, the client reads them).</summary>
        public HashSet<string> OutputReach { get; }

        private HashSet<string> Reach(IEnumerable<string?> roots)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(roots.Where(r => r is not null).Select(r => r!));
            while (pending.TryPop(out var name))
            {
                var shape = Model.Shapes[name];
                if (shape.Type is not ("structure" or "list" or "map") || !seen.Add(name))
                {
                    continue;
                }

                var next = shape.Type switch
                {
                    "structure" => shape.Members.Select(m => m.ShapeName),
                    "list" => [shape.ListMember!],
                    _ => new[] { shape.MapKey!, shape.MapValue! },
                };
                foreach (var child in next)
                {
                    pending.Push(child);
                }
            }

            return seen;
        }

        public ServiceModel Model { get; }

        /// <summary>Input type name per operation (synthesized when the model declares none).</summary>
        public Dictionary<string, string> InputNames { get; } = new(StringComparer.Ordinal);

        public HashSet<string> InputShapes { get; } = new(StringComparer.Ordinal);

        public Shape Shape(string name) => Model.Shapes[name];

        public bool IsEnum(string shapeName) => Shape(shapeName) is { Type: "string", Enum: not null };

        /// <summary>Structures that are data (not errors).</summary>
        public IEnumerable<Shape> Structures => Model.Shapes.Values.Where(s => s.Type == "structure" && !s.IsException);

        /// <summary>The C# type of a value of the shape (without nullability).</summary>
        public string CsType(string shapeName)
        {
            var shape = Shape(shapeName);
            return shape.Type switch
            {
                "string" => shape.Enum is null ? "string" : shape.Name,
                "integer" => "int",
                "long" => "long",
                "boolean" => "bool",
                "timestamp" => "DateTimeOffset",
                "list" => $"List<{CsType(shape.ListMember!)}>",
                "map" => $"Dictionary<string, {CsType(shape.MapValue!)}>",
                "structure" => shape.Name,
                _ => throw new NotSupportedException($"Shape type {shape.Type} of {shape.Name} is not supported by the generator."),
            };
        }
    }

    // ---------------------------------------------------------------- shapes

    private static string GenerateShapes(Context c)
    {
        var w = new CodeWriter();
        w.Line($"namespace {Namespace};").Line();
        foreach (var shape in c.Structures)
        {
            WriteStructure(c, w, shape, shape.Name);
        }

        foreach (var op in c.Model.Operations.Where(o => o.Input is null))
        {
            w.Doc($"Input of the <c>{op.Name}</c> operation, which takes no parameters.");
            w.Open($"public sealed partial class {c.InputNames[op.Name]}");
            w.Close();
            w.Line();
        }

        return CodeWriter.Header(["System", "System.Collections.Generic"]) + w;
    }

    private static void WriteStructure(Context c, CodeWriter w, Shape shape, string className)
    {
        var role = c.Model.Operations.FirstOrDefault(o => o.Input == shape.Name) is { } inOp
            ? $"Input of the <c>{inOp.Name}</c> operation."
            : c.Model.Operations.FirstOrDefault(o => o.Output == shape.Name) is { } outOp
                ? $"Output of the <c>{outOp.Name}</c> operation."
                : $"The <c>{shape.Name}</c> structure of the AWS Backup model.";
        w.Doc(role);
        w.Open($"public sealed partial class {className}");
        foreach (var member in shape.Members)
        {
            w.Doc(MemberDoc(c, member));
            w.Line($"public {c.CsType(member.ShapeName)}? {member.Name} {{ get; set; }}");
            w.Line();
        }

        // Readers skip members this model version does not know; naming them lets an importer refuse to drop data.
        w.Doc("Members the JSON read into this object carried that this version of the model does not know (they were skipped), or <see langword=\"null\"/> when there were none.");
        w.Line("public List<string>? UnknownMembers { get; set; }");
        w.Line();

        if (c.InputShapes.Contains(shape.Name))
        {
            w.Doc("A copy whose members refer to the same values; paginators use it so that the caller's input is not changed.");
            w.Line($"internal {className} ShallowCopy() => ({className})MemberwiseClone();");
        }

        w.Close();
        w.Line();
    }

    private static string MemberDoc(Context c, Member member)
    {
        var parts = new List<string> { $"The <c>{member.Name}</c> member" };
        if (member.Required)
        {
            parts.Add("(required)");
        }

        var shape = c.Shape(member.ShapeName);
        var text = string.Join(' ', parts);
        var details = new List<string>();
        switch (member.Location)
        {
            case "uri":
                details.Add($"sent in the request path as <c>{member.LocationName}</c>");
                break;
            case "querystring":
                details.Add($"sent in the query string as <c>{member.LocationName}</c>");
                break;
        }

        if (member.IsIdempotencyToken)
        {
            details.Add("an idempotency token: when left empty the client sends a new UUID, the same on every retry");
        }

        if (shape.Min is not null || shape.Max is not null)
        {
            var what = shape.Type is "string" ? "length" : shape.Type is "list" or "map" ? "count" : "value";
            details.Add($"{what} {shape.Min?.ToString(CultureInfo.InvariantCulture) ?? "0"}..{shape.Max?.ToString(CultureInfo.InvariantCulture) ?? "unbounded"}");
        }

        if (shape.Pattern is not null)
        {
            details.Add($"pattern <c>{CodeWriter.Xml(shape.Pattern)}</c>");
        }

        if (shape.IsSensitive)
        {
            details.Add("sensitive: never logged");
        }

        return details.Count == 0 ? text + "." : text + "; " + string.Join("; ", details) + ".";
    }

    // ---------------------------------------------------------------- enums

    private static string GenerateEnums(Context c)
    {
        var w = new CodeWriter();
        w.Line($"namespace {Namespace};").Line();
        foreach (var shape in c.Model.Shapes.Values.Where(s => s.Type == "string" && s.Enum is not null))
        {
            w.Doc($"The <c>{shape.Name}</c> values of the AWS Backup model. Unknown values sent by AWS are kept as they are.");
            w.Line("/// <param name=\"Value\">The value on the wire.</param>");
            w.Open($"public readonly partial record struct {shape.Name}(string Value)");
            foreach (var value in shape.Enum!)
            {
                w.Doc($"<c>{CodeWriter.Xml(value)}</c>.");
                w.Line($"public static readonly {shape.Name} {EnumFieldName(shape, value)} = new({CodeWriter.Literal(value)});");
                w.Line();
            }

            w.Doc("Every value the model declares.");
            w.Line($"public static IReadOnlyList<{shape.Name}> Values {{ get; }} = [{string.Join(", ", shape.Enum.Select(v => EnumFieldName(shape, v)))}];");
            w.Line();
            w.Doc("Whether the value is one the model declares.");
            w.Line($"public bool IsKnown => {string.Join(" || ", shape.Enum.Select(v => $"Value == {CodeWriter.Literal(v)}"))};");
            w.Line();
            w.Doc("Converts a wire value.");
            w.Line($"public static implicit operator {shape.Name}(string value) => new(value);");
            w.Line();
            w.Doc("The value on the wire.");
            w.Line("public override string ToString() => Value ?? string.Empty;");
            w.Close();
            w.Line();
        }

        return CodeWriter.Header(["System", "System.Collections.Generic"]) + w;
    }

    private static string EnumFieldName(Shape shape, string value)
    {
        var name = InvalidIdentifierChars().Replace(value, "_");
        if (char.IsDigit(name[0]))
        {
            name = "_" + name;
        }

        return name == shape.Name || name is "Value" or "Values" or "IsKnown" ? name + "_" : name;
    }

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex InvalidIdentifierChars();

    // ---------------------------------------------------------------- errors

    private static string GenerateErrors(Context c)
    {
        var w = new CodeWriter();
        w.Line($"namespace {Namespace};").Line();
        var errors = c.Model.Shapes.Values.Where(s => s.IsException).ToList();
        foreach (var error in errors)
        {
            w.Doc($"AWS Backup answered <c>{error.Name}</c>{(error.IsFault ? " (a server fault)" : string.Empty)}.");
            w.Open($"public sealed class {error.Name} : BackupServiceException");
            w.Doc("Creates the exception.");
            w.Line("/// <param name=\"message\">The service's message.</param>");
            w.Line("/// <param name=\"statusCode\">The HTTP status code.</param>");
            w.Line("/// <param name=\"requestId\">The AWS request id.</param>");
            w.Line($"public {error.Name}(string? message, int statusCode, string? requestId)");
            w.Line($"    : base(message, {CodeWriter.Literal(error.Name)}, statusCode, requestId)");
            w.Line("{").Line("}").Line();
            foreach (var member in error.Members.Where(m => m.Name != "Message"))
            {
                w.Doc($"The <c>{member.Name}</c> member of the error body.");
                w.Line($"public string? {member.Name} {{ get; set; }}");
                w.Line();
            }

            w.Doc("Takes the error's extra members from the string members of its body.");
            w.Open("internal void ReadMembers(Dictionary<string, string>? members)");
            w.Line("if (members is null) return;");
            foreach (var member in error.Members.Where(m => m.Name != "Message"))
            {
                w.Line($"{member.Name} = BackupErrors.Member(members, {CodeWriter.Literal(member.Name)});");
            }

            w.Close();
            w.Close();
            w.Line();
        }

        w.Doc("Creates the typed exception for an AWS error code.");
        w.Open("public static class BackupErrors");
        w.Doc("Creates the modelled exception for <paramref name=\"code\"/>, or a <see cref=\"BackupServiceException\"/> when the code is not modelled.");
        w.Line("/// <param name=\"code\">The error code, without namespace.</param>");
        w.Line("/// <param name=\"message\">The message.</param>");
        w.Line("/// <param name=\"statusCode\">The HTTP status code.</param>");
        w.Line("/// <param name=\"requestId\">The AWS request id.</param>");
        w.Line("/// <param name=\"body\">The JSON error body, read for the error's extra members.</param>");
        w.Open("public static BackupServiceException Create(string code, string? message, int statusCode, string? requestId, ReadOnlySpan<byte> body)");
        w.Line("var members = IsModeled(code) ? ReadStringMembers(body) : null;");
        w.Open("switch (code)");
        foreach (var error in errors)
        {
            w.Open($"case {CodeWriter.Literal(error.Name)}:");
            w.Line($"var e{error.Name} = new {error.Name}(message, statusCode, requestId);");
            w.Line($"e{error.Name}.ReadMembers(members);");
            w.Line($"return e{error.Name};");
            w.Close();
        }

        w.Line("default: return new BackupServiceException(message, code, statusCode, requestId);");
        w.Close();
        w.Close();
        w.Line();
        w.Doc("The string members of a JSON error body by name, or null when the body is not a JSON object.");
        w.Open("private static Dictionary<string, string>? ReadStringMembers(ReadOnlySpan<byte> body)");
        w.Line("if (body.IsEmpty) return null;");
        w.Line("var reader = new Utf8JsonReader(body);");
        w.Line("if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;");
        w.Line("var members = new Dictionary<string, string>(StringComparer.Ordinal);");
        w.Open("while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)");
        w.Line("var name = reader.GetString()!;");
        w.Line("reader.Read();");
        w.Open("if (reader.TokenType == JsonTokenType.String)");
        w.Line("members[name] = reader.GetString()!;");
        w.Close();
        w.Open("else");
        w.Line("reader.Skip();");
        w.Close();
        w.Close();
        w.Line("return members;");
        w.Close();
        w.Line();
        w.Doc("A member by its model name, or by the camel-case name some AWS services send.");
        w.Line("internal static string? Member(Dictionary<string, string> members, string name) =>");
        w.Line("    members.TryGetValue(name, out var value) || members.TryGetValue(char.ToLowerInvariant(name[0]) + name[1..], out value) ? value : null;");
        w.Line();
        w.Doc("Whether the model declares the error code.");
        w.Line($"public static bool IsModeled(string code) => code is {string.Join(" or ", errors.Select(e => CodeWriter.Literal(e.Name)))};");
        w.Line();
        w.Doc("Whether the model marks the error as a server fault (5xx).");
        w.Line($"public static bool IsServerFault(string code) => code is {string.Join(" or ", errors.Where(e => e.IsFault).Select(e => CodeWriter.Literal(e.Name)))};");
        w.Close();
        return CodeWriter.Header(["System", "System.Collections.Generic", "System.Text.Json"]) + w;
    }
}
