using System.Text.Json;
using BackupKit.Conformance.Infrastructure;

namespace BackupKit.Conformance.Parity;

/// <summary>One entry of <c>js/parity/cases.json</c>: an operation and the input the JS SDK sends.</summary>
internal sealed record ParityCase(string Name, string Operation)
{
    public static IReadOnlyList<ParityCase> LoadAll()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(JsProject.Directory, "parity", "cases.json")));
        return document.RootElement.EnumerateArray()
            .Select(e => new ParityCase(e.GetProperty("name").GetString()!, e.GetProperty("operation").GetString()!))
            .ToList();
    }
}
