namespace BackupKit.Generator;

/// <summary>JSON readers and writers for every structure, list and map shape.</summary>
public static partial class WireCodeGenerator
{
    /// <summary>
    /// The JSON of one half. The client writes what requests carry and reads what responses carry; the server the other
    /// way round, so neither half holds code only the other runs.
    /// </summary>
    private static string GenerateJson(Context c, bool server)
    {
        var writes = server ? c.OutputReach : c.InputReach;
        var reads = server ? c.InputReach : c.OutputReach;
        var w = new CodeWriter();
        w.Line($"namespace {(server ? ServerNamespace : Namespace)};").Line();
        if (server)
        {
            ServerUsings(w);
        }


        var namesClass = server ? "ServerWireNames" : "WireNames";
        var names = c.Model.Shapes.Values
            .Where(s => s.Type == "structure" && writes.Contains(s.Name))
            .SelectMany(s => s.Members.Where(m => m.InBody).Select(m => m.Name))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        w.Doc("Pre-encoded JSON member names, so that writers do not escape names on every call.");
        w.Open($"internal static class {namesClass}");
        foreach (var name in names)
        {
            w.Line($"public static readonly JsonEncodedText {name} = JsonEncodedText.Encode({CodeWriter.Literal(name)});");
        }

        w.Close();
        w.Line();

        w.Doc(server
            ? "restJson1 request readers and response writers for the emulator, generated from the model (timestamps as epoch seconds)."
            : "restJson1 request writers and response readers for the client, generated from the model (timestamps as epoch seconds).");
        w.Open($"internal static class {(server ? "ServerJson" : "WireJson")}");
        foreach (var shape in c.Model.Shapes.Values.Where(s => s.Type is "structure" && !s.IsException))
        {
            if (writes.Contains(shape.Name))
            {
                WriteStructureWriter(c, w, shape, namesClass);
            }

            if (reads.Contains(shape.Name))
            {
                WriteStructureReader(c, w, shape);
            }
        }

        if (server)
        {
            // Inputs the model does not declare have no members; a body sent anyway is skipped.
            foreach (var op in c.Model.Operations.Where(o => o.Input is null))
            {
                var name = c.InputNames[op.Name];
                w.Line($"public static {name} Read{name}(ref Utf8JsonReader r) {{ r.Skip(); return new {name}(); }}");
                w.Line();
            }
        }

        foreach (var shape in c.Model.Shapes.Values.Where(s => s.Type is "list" or "map"))
        {
            WriteCollection(c, w, shape, writes.Contains(shape.Name), reads.Contains(shape.Name));
        }

        w.Close();
        return CodeWriter.Header(server
            ? ["System", "System.Collections.Generic", "System.Text.Json", "BackupKit.Wire.Protocol"]
            : ["System", "System.Collections.Generic", "System.Text.Json", "BackupKit.Wire.Protocol"]) + w;
    }

    private static string TokenParameter(Shape shape) =>
        shape.Members.Any(m => m.IsIdempotencyToken && m.InBody) ? ", string? idempotencyToken = null" : string.Empty;

    private static void WriteStructureWriter(Context c, CodeWriter w, Shape shape, string namesClass)
    {
        w.Open($"public static void Write{shape.Name}(Utf8JsonWriter w, {shape.Name} v{TokenParameter(shape)})");
        w.Line("w.WriteStartObject();");
        var i = 0;
        foreach (var member in shape.Members.Where(m => m.InBody))
        {
            var local = "m" + i++;
            var source = member.IsIdempotencyToken ? $"(idempotencyToken ?? v.{member.Name})" : $"v.{member.Name}";
            w.Open($"if ({source} is {{ }} {local})");
            w.Line($"w.WritePropertyName({namesClass}.{member.Name});");
            w.Line(WriteValue(c, member.ShapeName, local));
            w.Close();
        }

        w.Line("w.WriteEndObject();");
        w.Close();
        w.Line();
    }

    private static void WriteStructureReader(Context c, CodeWriter w, Shape shape)
    {
        w.Open($"public static {shape.Name} Read{shape.Name}(ref Utf8JsonReader r)");
        w.Line($"if (r.TokenType != JsonTokenType.StartObject) throw new JsonException(\"Expected a JSON object for {shape.Name}.\");");
        w.Line($"var v = new {shape.Name}();");
        w.Open("while (r.Read() && r.TokenType == JsonTokenType.PropertyName)");

        // Compare the name's length first (one integer test per member) and the text only when it matches; an escaped
        // name's raw length says nothing, so -1 lets every member compare its text.
        if (shape.Members.Any(m => m.InBody))
        {
            w.Line("var n = r.ValueIsEscaped || r.HasValueSequence ? -1 : r.ValueSpan.Length;");
        }

        foreach (var member in shape.Members.Where(m => m.InBody))
        {
            var length = System.Text.Encoding.UTF8.GetByteCount(member.Name);
            w.Open($"if ((n == {length} || n < 0) && r.ValueTextEquals({CodeWriter.Literal(member.Name)}u8))");
            w.Line("r.Read();");
            w.Line($"if (r.TokenType != JsonTokenType.Null) v.{member.Name} = {ReadValue(c, member.ShapeName, member.Name)};");
            w.Line("continue;");
            w.Close();
        }

        w.Line("(v.UnknownMembers ??= []).Add(r.GetString()!);");
        w.Line("r.Read();");
        w.Line("r.Skip();");
        w.Close();
        w.Line("return v;");
        w.Close();
        w.Line();
    }

    private static void WriteCollection(Context c, CodeWriter w, Shape shape, bool writer, bool reader)
    {
        var type = c.CsType(shape.Name);
        if (shape.Type == "list")
        {
            if (writer)
            {
                w.Open($"public static void Write{shape.Name}(Utf8JsonWriter w, {type} v)");
                w.Line("w.WriteStartArray();");
                w.Line($"foreach (var item in v) {WriteValue(c, shape.ListMember!, "item")}");
                w.Line("w.WriteEndArray();");
                w.Close();
                w.Line();
            }

            if (!reader)
            {
                return;
            }

            w.Open($"public static {type} Read{shape.Name}(ref Utf8JsonReader r)");
            w.Line($"if (r.TokenType != JsonTokenType.StartArray) throw new JsonException(\"Expected a JSON array for {shape.Name}.\");");
            w.Line($"var v = new {type}();");
            w.Line($"while (r.Read() && r.TokenType != JsonTokenType.EndArray) v.Add({ReadValue(c, shape.ListMember!, shape.Name)});");
            w.Line("return v;");
            w.Close();
            w.Line();
        }
        else
        {
            if (writer)
            {
                w.Open($"public static void Write{shape.Name}(Utf8JsonWriter w, {type} v)");
                w.Line("w.WriteStartObject();");
                w.Open("foreach (var pair in v)");
                w.Line("w.WritePropertyName(pair.Key);");
                w.Line(WriteValue(c, shape.MapValue!, "pair.Value"));
                w.Close();
                w.Line("w.WriteEndObject();");
                w.Close();
                w.Line();
            }

            if (!reader)
            {
                return;
            }

            w.Open($"public static {type} Read{shape.Name}(ref Utf8JsonReader r)");
            w.Line($"if (r.TokenType != JsonTokenType.StartObject) throw new JsonException(\"Expected a JSON object for {shape.Name}.\");");
            w.Line($"var v = new {type}(StringComparer.Ordinal);");
            w.Open("while (r.Read() && r.TokenType == JsonTokenType.PropertyName)");
            w.Line("var key = r.GetString()!;");
            w.Line("r.Read();");
            w.Line($"v[key] = {ReadValue(c, shape.MapValue!, shape.Name)};");
            w.Close();
            w.Line("return v;");
            w.Close();
            w.Line();
        }
    }

    /// <summary>A statement that writes one value of the shape held in <paramref name="expr"/>.</summary>
    private static string WriteValue(Context c, string shapeName, string expr)
    {
        var shape = c.Shape(shapeName);
        return shape.Type switch
        {
            "string" when shape.Enum is not null => $"w.WriteStringValue({expr}.Value);",
            "string" => $"w.WriteStringValue({expr});",
            "integer" or "long" => $"w.WriteNumberValue({expr});",
            "boolean" => $"w.WriteBooleanValue({expr});",
            "timestamp" => $"WireFormat.WriteEpochSeconds(w, {expr});",
            _ => $"Write{shape.Name}(w, {expr});",
        };
    }

    /// <summary>An expression that reads one value of the shape at the reader's current token.</summary>
    private static string ReadValue(Context c, string shapeName, string memberName)
    {
        var shape = c.Shape(shapeName);
        return shape.Type switch
        {
            "string" when shape.Enum is not null => $"new {shape.Name}(r.GetString()!)",
            "string" => "r.GetString()!",
            "integer" => "r.GetInt32()",
            "long" => "r.GetInt64()",
            "boolean" => "r.GetBoolean()",
            "timestamp" => $"WireFormat.ReadTimestamp(ref r, {CodeWriter.Literal(memberName)})",
            _ => $"Read{shape.Name}(ref r)",
        };
    }
}
