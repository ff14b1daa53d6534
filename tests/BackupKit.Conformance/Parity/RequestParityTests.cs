using System.Text;
using Xunit.Abstractions;

namespace BackupKit.Conformance.Parity;

/// <summary>
/// For each case of <c>js/parity/cases.json</c>: the request the official AWS SDK for JavaScript v3 sent is bound into
/// BackupKit's typed input with the generated server binding, sent again through BackupKit's client, and both requests
/// must agree on method, encoded path, query, content type, JSON body and signed headers. A member lost by
/// <c>ReadInput</c> or not written by the client shows up as a body or query difference.
/// </summary>
[Collection(JsCaptureCollection.Name)]
public sealed class RequestParityTests(JsCaptureFixture js, ITestOutputHelper output)
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var parityCase in ParityCase.LoadAll())
        {
            data.Add(parityCase.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Our_client_sends_what_the_JS_SDK_sends(string caseName)
    {
        var parityCase = ParityCase.LoadAll().Single(c => c.Name == caseName);
        var jsRequests = js.RequestsFor(caseName);
        Assert.True(jsRequests.Count == 1,
            $"the JS SDK sent {jsRequests.Count} requests for {caseName} (expected 1). node said:\n{js.NodeOutput}");
        var jsRequest = jsRequests[0];

        var routes = RouteMatcher.Match(jsRequest);
        Assert.True(routes.Count == 1,
            $"{jsRequest.Method} {jsRequest.RawTarget} matches {routes.Count} generated bindings ({string.Join(", ", routes.Select(r => r.Binding.Name))}); expected exactly {parityCase.Operation}");
        var (binding, labels) = routes[0];
        Assert.Equal(parityCase.Operation, binding.Name);

        var input = OurClient.ReadInput(binding, jsRequest, labels);
        await using var capture = new CaptureServer();
        await OurClient.SendAsync(binding, input, capture.BaseAddress);
        var ours = capture.All;
        Assert.True(ours.Count == 1, $"our client sent {ours.Count} requests for {caseName} (expected 1)");

        var (differences, notes) = RequestComparer.Compare(jsRequest, ours[0]);
        foreach (var note in notes)
        {
            output.WriteLine("note: " + note);
        }

        Assert.True(differences.Count == 0, Report(caseName, differences, notes, jsRequest, ours[0]));
    }

    [Fact]
    public void Every_case_names_a_distinct_operation_input()
    {
        var cases = ParityCase.LoadAll();
        Assert.True(cases.Count >= 40, $"cases.json holds {cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    private static string Report(string caseName, IReadOnlyList<string> differences, IReadOnlyList<string> notes, CapturedRequest js, CapturedRequest ours)
    {
        var sb = new StringBuilder().AppendLine($"{caseName}: our client's request differs from the JS SDK's:");
        foreach (var difference in differences)
        {
            sb.Append("  - ").AppendLine(difference);
        }

        foreach (var note in notes)
        {
            sb.Append("  note: ").AppendLine(note);
        }

        sb.AppendLine("JS SDK:").AppendLine(Dump(js)).AppendLine("BackupKit:").AppendLine(Dump(ours));
        return sb.ToString();
    }

    internal static string Dump(CapturedRequest request) =>
        $"  {request.Method} {request.RawTarget}\n  signed: {string.Join(';', (request.SignedHeaders ?? new HashSet<string>()).Order(StringComparer.Ordinal))}\n  body: {Encoding.UTF8.GetString(request.Body)}";
}
