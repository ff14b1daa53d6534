using System.Globalization;

namespace BackupKit.Generator;

/// <summary>Validation and the server bindings (emulator half); client bindings, the client surface and paginators.</summary>
public static partial class WireCodeGenerator
{
    // ---------------------------------------------------------------- validation

    private static string GenerateValidation(Context c)
    {
        var w = new CodeWriter();
        w.Line($"namespace {ServerNamespace};").Line();
        ServerUsings(w);
        var structures = c.Structures.Where(s => c.InputReach.Contains(s.Name)).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shape in structures)
        {
            foreach (var member in shape.Members)
            {
                Checks(c, member.ShapeName, "x", "p", 0, used);
            }
        }

        var patterns = c.Model.Shapes.Values.Where(s => s.Pattern is not null && used.Contains(s.Name)).ToList();
        w.Doc("Checks request values against the model's constraints: required members, lengths, ranges, counts, patterns, enums. Only the emulator validates: the client sends what it is given and lets the service answer.");
        w.Open("internal static class ServerValidation");
        foreach (var shape in patterns)
        {
            w.Line($"private static readonly Regex Pattern{shape.Name} = new({CodeWriter.Literal(DotNetPattern(shape.Pattern!))}, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));");
        }

        w.Line();
        w.Line("private static string Join(string path, string member) => path.Length == 0 ? member : path + \".\" + member;");
        w.Line();
        w.Line("private static string Item(string path, int index) => path + \"[\" + index.ToString(CultureInfo.InvariantCulture) + \"]\";");
        w.Line();
        w.Line("private static string Entry(string path, string key) => path + \"[\" + key + \"]\";");
        w.Line();
        foreach (var shape in structures)
        {
            w.Open($"public static void Validate{shape.Name}({shape.Name} v, string path, ModelValidationErrors e)");
            var i = 0;
            foreach (var member in shape.Members)
            {
                var local = "m" + i++;
                var memberPath = $"Join(path, {CodeWriter.Literal(member.Name)})";
                var checks = Checks(c, member.ShapeName, local, memberPath, 0);
                if (member.Required)
                {
                    w.Open($"if (v.{member.Name} is not {{ }} {local})");
                    w.Line($"e.Add(ModelValidationErrorKind.Missing, {memberPath}, {memberPath} + \" is required.\");");
                    w.Close();
                    if (checks.Count > 0)
                    {
                        w.Open("else");
                        checks.ForEach(line => w.Line(line));
                        w.Close();
                    }
                }
                else if (checks.Count > 0)
                {
                    w.Open($"if (v.{member.Name} is {{ }} {local})");
                    checks.ForEach(line => w.Line(line));
                    w.Close();
                }
            }

            w.Close();
            w.Line();
        }

        w.Close();
        return CodeWriter.Header(["System", "System.Collections.Generic", "System.Globalization", "System.Text.RegularExpressions"]) + w;
    }

    /// <summary>
    /// The model's patterns are Java/ECMAScript regexes. .NET rejects escapes of ordinary characters such as <c>\_</c>, and
    /// its <c>$</c> also matches before a final newline (Java's <c>matches</c> and ECMAScript do not), so every end anchor
    /// outside a character class becomes <c>\z</c>: "name\n" must not pass a <c>^...$</c> pattern.
    /// </summary>
    private static string DotNetPattern(string pattern)
    {
        var text = pattern.Replace("\\_", "_", StringComparison.Ordinal);
        var result = new System.Text.StringBuilder(text.Length + 4);
        var inClass = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '\\' && i + 1 < text.Length)
            {
                result.Append(ch).Append(text[++i]);
                continue;
            }

            if (ch == '[')
            {
                inClass = true;
            }
            else if (ch == ']')
            {
                inClass = false;
            }

            result.Append(ch == '$' && !inClass ? "\\z" : ch.ToString());
        }

        return result.ToString();
    }

    /// <summary>Statements that check a present value <paramref name="expr"/> of the shape; <paramref name="path"/> is a C# expression.</summary>
    private static List<string> Checks(Context c, string shapeName, string expr, string path, int depth, HashSet<string>? used = null)
    {
        var shape = c.Shape(shapeName);
        used?.Add(shapeName);
        var lines = new List<string>();
        string Range() => $"{shape.Min?.ToString(CultureInfo.InvariantCulture) ?? "0"} and {shape.Max?.ToString(CultureInfo.InvariantCulture) ?? "unbounded"}";
        string Condition(string measure) =>
            string.Join(" || ", new[]
            {
                shape.Min is { } min ? $"{measure} < {min}" : null,
                shape.Max is { } max ? $"{measure} > {max}" : null,
            }.Where(x => x is not null));
        var shown = shape.IsSensitive ? "\"(sensitive value not shown)\"" : expr;

        switch (shape.Type)
        {
            case "string" when shape.Enum is not null:
                lines.Add($"if (!{expr}.IsKnown) e.Add(ModelValidationErrorKind.Invalid, {path}, {path} + \" has the value '\" + {expr}.Value + \"', which is not one of: {string.Join(", ", shape.Enum)}.\");");
                break;
            case "string":
                if (shape.Min is not null || shape.Max is not null)
                {
                    lines.Add($"if ({Condition(expr + ".Length")}) e.Add(ModelValidationErrorKind.Invalid, {path}, {path} + \" must be between {Range()} characters long; it has \" + {expr}.Length.ToString(CultureInfo.InvariantCulture) + \".\");");
                }

                if (shape.Pattern is not null)
                {
                    lines.Add($"if (!Pattern{shape.Name}.IsMatch({expr})) e.Add(ModelValidationErrorKind.Invalid, {path}, {path} + \" has the value '\" + {shown} + \"', which does not match the pattern {CodeWriter.Literal(shape.Pattern)[1..^1]}.\");");
                }

                break;
            case "integer" or "long":
                if (shape.Min is not null || shape.Max is not null)
                {
                    lines.Add($"if ({Condition(expr)}) e.Add(ModelValidationErrorKind.Invalid, {path}, {path} + \" must be between {Range()}; it is \" + {expr}.ToString(CultureInfo.InvariantCulture) + \".\");");
                }

                break;
            case "list":
            {
                if (shape.Min is not null || shape.Max is not null)
                {
                    lines.Add($"if ({Condition(expr + ".Count")}) e.Add(ModelValidationErrorKind.Invalid, {path}, {path} + \" must have between {Range()} items; it has \" + {expr}.Count.ToString(CultureInfo.InvariantCulture) + \".\");");
                }

                var item = $"i{depth}";
                var inner = Checks(c, shape.ListMember!, $"{expr}[{item}]", $"Item({path}, {item})", depth + 1, used);
                if (inner.Count > 0)
                {
                    lines.Add($"for (var {item} = 0; {item} < {expr}.Count; {item}++)");
                    lines.Add("{");
                    lines.AddRange(inner.Select(l => "    " + l));
                    lines.Add("}");
                }

                break;
            }

            case "map":
            {
                if (shape.Min is not null || shape.Max is not null)
                {
                    lines.Add($"if ({Condition(expr + ".Count")}) e.Add(ModelValidationErrorKind.Invalid, {path}, {path} + \" must have between {Range()} entries; it has \" + {expr}.Count.ToString(CultureInfo.InvariantCulture) + \".\");");
                }

                var pair = $"p{depth}";
                var keyChecks = Checks(c, shape.MapKey!, $"{pair}.Key", $"Entry({path}, {pair}.Key)", depth + 1, used);
                var valueChecks = Checks(c, shape.MapValue!, $"{pair}.Value", $"Entry({path}, {pair}.Key)", depth + 1, used);
                if (c.IsEnum(shape.MapKey!))
                {
                    // Keys travel as plain strings; check them against the enum's values.
                    var keyEnum = c.Shape(shape.MapKey!);
                    keyChecks = [$"if (!new {keyEnum.Name}({pair}.Key).IsKnown) e.Add(ModelValidationErrorKind.Invalid, {path}, {path} + \" has the key '\" + {pair}.Key + \"', which is not one of: {string.Join(", ", keyEnum.Enum!)}.\");"];
                }

                if (keyChecks.Count + valueChecks.Count > 0)
                {
                    lines.Add($"foreach (var {pair} in {expr})");
                    lines.Add("{");
                    lines.AddRange(keyChecks.Concat(valueChecks).Select(l => "    " + l));
                    lines.Add("}");
                }

                break;
            }

            case "structure":
                lines.Add($"Validate{shape.Name}({expr}, {path}, e);");
                break;
        }

        return lines;
    }

    // ---------------------------------------------------------------- bindings

    private static string GenerateOperations(Context c)
    {
        var w = new CodeWriter();
        w.Line($"namespace {Namespace};").Line();
        w.Doc("The client's HTTP binding of every AWS Backup operation (request writer, response reader), generated from the service model.");
        w.Open("internal static class BackupOperations");
        foreach (var op in c.Model.Operations)
        {
            w.Doc($"<c>{op.Name}</c>: <c>{op.Method} {CodeWriter.Xml(op.RequestUri)}</c>.");
            w.Line($"public static OperationBinding<{c.InputNames[op.Name]}, {OutputType(op)}> {op.Name} {{ get; }} = new {op.Name}Binding();");
            w.Line();
        }

        w.Doc("Every operation of the model, sorted by name.");
        w.Line($"public static IReadOnlyList<OperationBinding> All {{ get; }} = [{string.Join(", ", c.Model.Operations.Select(o => o.Name))}];");
        w.Close();
        w.Line();

        foreach (var op in c.Model.Operations)
        {
            WriteBinding(c, w, op);
        }

        return CodeWriter.Header(["System", "System.Collections.Generic", "System.Text.Json", "BackupKit.Wire.Protocol"]) + w;
    }

    private static string GenerateServerOperations(Context c)
    {
        var w = new CodeWriter();
        w.Line($"namespace {ServerNamespace};").Line();
        ServerUsings(w);
        w.Doc("The emulator's HTTP binding of every AWS Backup operation (route, request reader, validation, response writer), generated from the service model.");
        w.Open("internal static class ServerOperations");
        foreach (var op in c.Model.Operations)
        {
            w.Doc($"<c>{op.Name}</c>: <c>{op.Method} {CodeWriter.Xml(op.RequestUri)}</c>.");
            w.Line($"public static ServerBinding<{c.InputNames[op.Name]}, {OutputType(op)}> {op.Name} {{ get; }} = new {op.Name}ServerBinding();");
            w.Line();
        }

        w.Doc("Every operation of the model, sorted by name.");
        w.Line($"public static IReadOnlyList<ServerBinding> All {{ get; }} = [{string.Join(", ", c.Model.Operations.Select(o => o.Name))}];");
        w.Close();
        w.Line();

        foreach (var op in c.Model.Operations)
        {
            WriteServerBinding(c, w, op);
        }

        return CodeWriter.Header(["System", "System.Collections.Generic", "System.Text.Json", "BackupKit.Wire.Protocol"]) + w;
    }

    private static string OutputType(Operation op) => op.Output ?? "EmptyOutput";

    private static void WriteBinding(Context c, CodeWriter w, Operation op)
    {
        var input = c.InputNames[op.Name];
        var output = OutputType(op);
        var inputShape = op.Input is null ? null : c.Shape(op.Input);
        var members = inputShape?.Members ?? [];
        var hasBody = members.Any(m => m.InBody);
        var token = members.FirstOrDefault(m => m.IsIdempotencyToken && m.InBody);
        var split = op.RequestUri.Split('?', 2);

        w.Open($"internal sealed class {op.Name}Binding : OperationBinding<{input}, {output}>");
        w.Line($"public override string Name => {CodeWriter.Literal(op.Name)};");
        w.Line($"public override string HttpMethod => {CodeWriter.Literal(op.Method)};");
        w.Line($"public override string UriTemplate => {CodeWriter.Literal(op.RequestUri)};");
        w.Line($"public override int SuccessStatusCode => {op.ResponseCode};");
        w.Line($"public override bool HasRequestBody => {(hasBody ? "true" : "false")};");
        w.Line($"public override bool IsIdempotent => {(op.Idempotent ? "true" : "false")};");
        w.Line($"public override IReadOnlyList<string> ErrorCodes {{ get; }} = [{string.Join(", ", op.Errors.Select(CodeWriter.Literal))}];");
        w.Line($"public override Type? OutputType => {(op.Output is null ? "null" : $"typeof({op.Output})")};");
        w.Line();

        // Client: request.
        w.Open($"public override void WriteRequest({input} input, RequestWriter writer)");
        w.Line("ArgumentNullException.ThrowIfNull(input);");
        w.Line("ArgumentNullException.ThrowIfNull(writer);");
        foreach (var part in TemplateParts(split[0]))
        {
            if (part.IsLabel)
            {
                var member = members.Single(m => m.Location == "uri" && m.LocationName == part.Text);
                w.Line($"writer.AppendLabel({CodeWriter.Literal(member.Name)}, {StringOf(c, member.ShapeName, "input." + member.Name)});");
            }
            else
            {
                w.Line($"writer.AppendPath({CodeWriter.Literal(part.Text)});");
            }
        }

        if (split.Length == 2)
        {
            foreach (var literal in split[1].Split('&'))
            {
                var kv = literal.Split('=', 2);
                w.Line($"writer.AddQuery({CodeWriter.Literal(kv[0])}, {CodeWriter.Literal(kv.Length == 2 ? kv[1] : string.Empty)});");
            }
        }

        foreach (var member in members.Where(m => m.Location == "querystring"))
        {
            var shape = c.Shape(member.ShapeName);
            var value = shape.Type switch
            {
                "string" when shape.Enum is not null => $"input.{member.Name}?.Value",
                "list" when c.IsEnum(shape.ListMember!) => $"input.{member.Name}?.ConvertAll(static x => x.Value)",
                _ => $"input.{member.Name}",
            };
            w.Line($"writer.AddQuery({CodeWriter.Literal(member.LocationName!)}, {value});");
        }

        if (token is not null)
        {
            w.Line($"var token = string.IsNullOrEmpty(input.{token.Name}) ? Guid.NewGuid().ToString() : input.{token.Name};");
            w.Line("writer.IdempotencyToken = token;");
        }

        if (hasBody)
        {
            w.Line($"WireJson.Write{input}(writer.BeginBody(), input{(token is null ? string.Empty : ", token")});");
        }

        w.Close();
        w.Line();

        // Client: response.
        w.Open($"public override {output} ReadOutput(ref Utf8JsonReader reader)");
        if (op.Output is null)
        {
            w.Line("return EmptyOutput.Instance;");
        }
        else
        {
            w.Line($"if (reader.TokenType == JsonTokenType.None && !reader.Read()) return new {output}();");
            w.Line($"return WireJson.Read{output}(ref reader);");
        }

        w.Close();
        w.Line();
        w.Close();
        w.Line();
    }

    private static void WriteServerBinding(Context c, CodeWriter w, Operation op)
    {
        var input = c.InputNames[op.Name];
        var output = OutputType(op);
        var inputShape = op.Input is null ? null : c.Shape(op.Input);
        var members = inputShape?.Members ?? [];

        w.Open($"internal sealed class {op.Name}ServerBinding : ServerBinding<{input}, {output}>");
        w.Line($"public override string Name => {CodeWriter.Literal(op.Name)};");
        w.Line($"public override string HttpMethod => {CodeWriter.Literal(op.Method)};");
        w.Line($"public override string UriTemplate => {CodeWriter.Literal(op.RequestUri)};");
        w.Line($"public override int SuccessStatusCode => {op.ResponseCode};");
        w.Line($"public override Type? OutputType => {(op.Output is null ? "null" : $"typeof({op.Output})")};");
        w.Line();

        // Server: request.
        w.Open($"public override {input} ReadInput(ServerRequest request)");
        w.Line("ArgumentNullException.ThrowIfNull(request);");
        w.Line($"{input} v;");
        w.Open("if (request.Body.IsEmpty)");
        w.Line($"v = new {input}();");
        w.Close();
        w.Open("else");
        w.Line("var r = new Utf8JsonReader(request.Body.Span);");
        w.Line("r.Read();");
        w.Line($"v = ServerJson.Read{input}(ref r);");
        w.Close();
        var q = 0;
        foreach (var member in members.Where(m => m.Location is not null))
        {
            var shape = c.Shape(member.ShapeName);
            if (member.Location == "uri")
            {
                w.Line($"v.{member.Name} = {Parse(c, member, shape, $"request.GetLabel({CodeWriter.Literal(member.LocationName!)})", nullable: true)};");
                continue;
            }

            var local = "q" + q++;
            if (shape.Type == "list")
            {
                w.Open($"if (request.GetQueryValues({CodeWriter.Literal(member.LocationName!)}) is {{ }} {local})");
                w.Line($"v.{member.Name} = new {c.CsType(member.ShapeName)}({local}.Count);");
                var elementShape = c.Shape(shape.ListMember!);
                var element = elementShape.Enum is not null ? $"new {elementShape.Name}(item)" : "item";
                w.Line($"foreach (var item in {local}) v.{member.Name}.Add({element});");
                w.Close();
            }
            else
            {
                w.Line($"if (request.GetQuery({CodeWriter.Literal(member.LocationName!)}) is {{ }} {local}) v.{member.Name} = {Parse(c, member, shape, local, nullable: false)};");
            }
        }

        w.Line("return v;");
        w.Close();
        w.Line();

        // Server: response.
        w.Open($"public override void WriteOutput({output} output, Utf8JsonWriter writer)");
        if (op.Output is not null)
        {
            w.Line($"ServerJson.Write{output}(writer, output);");
        }

        w.Close();
        w.Line();

        w.Open($"public override void Validate({input} input, ModelValidationErrors errors)");
        if (op.Input is not null)
        {
            w.Line($"ServerValidation.Validate{op.Input}(input, string.Empty, errors);");
        }

        w.Close();
        w.Close();
        w.Line();
    }

    private static string StringOf(Context c, string shapeName, string expr) =>
        c.Shape(shapeName) switch
        {
            { Type: "string", Enum: null } => expr,
            { Type: "string" } => $"{expr}?.Value",
            { Type: "timestamp" } => $"({expr} is {{ }} t ? WireFormat.FormatIso8601(t) : null)",
            _ => $"{expr}?.ToString(System.Globalization.CultureInfo.InvariantCulture)",
        };

    private static string Parse(Context c, Member member, Shape shape, string text, bool nullable)
    {
        var name = CodeWriter.Literal(member.Name);
        var parse = shape.Type switch
        {
            "string" when shape.Enum is not null => $"new {shape.Name}(@@)",
            "string" => "@@",
            "integer" => $"WireFormat.ParseInt32({name}, @@)",
            "long" => $"WireFormat.ParseInt64({name}, @@)",
            "boolean" => $"WireFormat.ParseBoolean({name}, @@)",
            "timestamp" => $"WireFormat.ParseIso8601({name}, @@)",
            _ => throw new NotSupportedException($"{member.Name}: {shape.Type} cannot be bound outside the body."),
        };
        if (!nullable || parse == "@@")
        {
            return parse.Replace("@@", text);
        }

        return $"({text} is {{ }} s ? {parse.Replace("@@", "s")} : null)";
    }

    private readonly record struct TemplatePart(string Text, bool IsLabel);

    private static IEnumerable<TemplatePart> TemplateParts(string template)
    {
        var start = 0;
        while (start < template.Length)
        {
            var open = template.IndexOf('{', start);
            if (open < 0)
            {
                yield return new TemplatePart(template[start..], false);
                yield break;
            }

            if (open > start)
            {
                yield return new TemplatePart(template[start..open], false);
            }

            var close = template.IndexOf('}', open);
            yield return new TemplatePart(template[(open + 1)..close].TrimEnd('+'), true);
            start = close + 1;
        }
    }

    // ---------------------------------------------------------------- client

    private static string GenerateClient(Context c)
    {
        var w = new CodeWriter();
        w.Line($"namespace {Namespace};").Line();
        w.Doc("The AWS Backup API: one method per operation of the service model, with the model's shape and member names.");
        w.Open("public partial interface IBackupClient");
        foreach (var op in c.Model.Operations)
        {
            w.Doc($"Calls <c>{op.Name}</c> (<c>{op.Method} {CodeWriter.Xml(op.RequestUri)}</c>).");
            if (op.Input is not null)
            {
                w.Line("/// <param name=\"input\">The operation's input.</param>");
            }

            w.Line("/// <param name=\"cancellationToken\">Cancels the call, including its retries.</param>");
            w.Line($"/// <exception cref=\"BackupServiceException\">AWS answered with an error{(op.Errors.Count > 0 ? ", one of: " + string.Join(", ", op.Errors) : string.Empty)}.</exception>");
            w.Line(Signature(c, op) + ";");
            w.Line();
        }

        w.Close();
        w.Line();
        w.Doc("The AWS Backup client: the generated operations; the runtime (HTTP, signing, resilience) is in Wire/Client.");
        w.Open("public sealed partial class BackupClient : IBackupClient");
        foreach (var op in c.Model.Operations)
        {
            w.Line("/// <inheritdoc />");
            var argument = op.Input is null ? $"new {c.InputNames[op.Name]}()" : "input";
            w.Line($"public {Signature(c, op)}");
            w.Line($"    => InvokeAsync(BackupOperations.{op.Name}, {argument}, cancellationToken);");
            w.Line();
        }

        w.Close();
        return CodeWriter.Header(["System.Threading", "System.Threading.Tasks"]) + w;
    }

    private static string Signature(Context c, Operation op)
    {
        var result = op.Output is null ? "Task" : $"Task<{op.Output}>";
        var parameters = op.Input is null
            ? "CancellationToken cancellationToken = default"
            : $"{op.Input} input, CancellationToken cancellationToken = default";
        return $"{result} {op.Name}Async({parameters})";
    }

    // ---------------------------------------------------------------- pagination

    private static string GeneratePagination(Context c)
    {
        var w = new CodeWriter();
        w.Line($"namespace {Namespace};").Line();
        w.Doc("Paginated operations as asynchronous streams: pages, or the items of each page.");
        w.Open("public static class BackupClientPaginationExtensions");
        foreach (var (op, paginator) in Paginated(c))
        {
            var input = op.Input!;
            var output = op.Output!;
            var resultMember = c.Shape(output).Members.Single(m => m.Name == paginator.ResultKey);
            var itemType = c.CsType(c.Shape(resultMember.ShapeName).ListMember!);

            w.Doc($"Every page of <c>{op.Name}</c>, following <c>{paginator.OutputToken}</c> until AWS returns none. The input is not changed.");
            w.Line("/// <param name=\"client\">The client.</param>");
            w.Line("/// <param name=\"input\">The first page's input; its token, if set, is where paging starts.</param>");
            w.Line("/// <param name=\"cancellationToken\">Cancels paging.</param>");
            w.Open($"public static async IAsyncEnumerable<{output}> Paginate{op.Name}Pages(this IBackupClient client, {input} input, [EnumeratorCancellation] CancellationToken cancellationToken = default)");
            w.Line("ArgumentNullException.ThrowIfNull(client);");
            w.Line("ArgumentNullException.ThrowIfNull(input);");
            w.Line("var request = input.ShallowCopy();");
            w.Open("while (true)");
            w.Line($"var page = await client.{op.Name}Async(request, cancellationToken).ConfigureAwait(false);");
            w.Line("yield return page;");
            w.Line($"if (string.IsNullOrEmpty(page.{paginator.OutputToken}) || page.{paginator.OutputToken} == request.{paginator.InputToken}) yield break;");
            w.Line($"request.{paginator.InputToken} = page.{paginator.OutputToken};");
            w.Close();
            w.Close();
            w.Line();

            w.Doc($"Every item of <c>{paginator.ResultKey}</c> across all pages of <c>{op.Name}</c>. The input is not changed.");
            w.Line("/// <param name=\"client\">The client.</param>");
            w.Line("/// <param name=\"input\">The first page's input.</param>");
            w.Line("/// <param name=\"cancellationToken\">Cancels paging.</param>");
            w.Open($"public static async IAsyncEnumerable<{itemType}> Paginate{op.Name}(this IBackupClient client, {input} input, [EnumeratorCancellation] CancellationToken cancellationToken = default)");
            w.Open($"await foreach (var page in client.Paginate{op.Name}Pages(input, cancellationToken).ConfigureAwait(false))");
            w.Open($"if (page.{paginator.ResultKey} is {{ }} items)");
            w.Open("foreach (var item in items)");
            w.Line("yield return item;");
            w.Close();
            w.Close();
            w.Close();
            w.Close();
            w.Line();
        }

        w.Close();
        return CodeWriter.Header(["System", "System.Collections.Generic", "System.Runtime.CompilerServices", "System.Threading", "System.Threading.Tasks"]) + w;
    }

    /// <summary>
    /// Operations with a botocore paginator, plus those that page with NextToken but have none in botocore
    /// (the job summaries), whose single list member is the result key.
    /// </summary>
    private static IEnumerable<(Operation Op, Paginator Paginator)> Paginated(Context c)
    {
        foreach (var op in c.Model.Operations.Where(o => o.Input is not null && o.Output is not null))
        {
            if (c.Model.Paginators.TryGetValue(op.Name, out var paginator))
            {
                yield return (op, paginator);
                continue;
            }

            var input = c.Shape(op.Input!);
            var output = c.Shape(op.Output!);
            var lists = output.Members.Where(m => c.Shape(m.ShapeName).Type == "list").ToList();
            if (input.Members.Any(m => m.Name == "NextToken") && output.Members.Any(m => m.Name == "NextToken") && lists.Count == 1)
            {
                yield return (op, new Paginator("NextToken", "NextToken", "MaxResults", lists[0].Name));
            }
        }
    }
}
