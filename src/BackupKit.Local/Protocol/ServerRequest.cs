namespace BackupKit.Local.Protocol;

/// <summary>
/// What a server has of one request once routing matched its operation: decoded path labels, decoded query
/// parameters and the raw body. The generated <c>ReadInput</c> binds it into the operation's input shape.
/// </summary>
internal sealed class ServerRequest
{
    private readonly IReadOnlyDictionary<string, string> _labels;
    private readonly Func<string, IReadOnlyList<string>?> _query;

    /// <summary>Creates the view.</summary>
    /// <param name="labels">Path labels by template name, already percent-decoded.</param>
    /// <param name="query">Looks up the decoded values of a query parameter; null when absent.</param>
    /// <param name="body">The request body, empty when none was sent.</param>
    public ServerRequest(
        IReadOnlyDictionary<string, string> labels,
        Func<string, IReadOnlyList<string>?> query,
        ReadOnlyMemory<byte> body)
    {
        _labels = labels;
        _query = query;
        Body = body;
    }

    /// <summary>The raw JSON body (may be empty).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The decoded value of a path label, or null.</summary>
    public string? GetLabel(string name) => _labels.TryGetValue(name, out var value) ? value : null;

    /// <summary>The first decoded value of a query parameter, or null.</summary>
    public string? GetQuery(string name) => _query(name) is { Count: > 0 } values ? values[0] : null;

    /// <summary>All decoded values of a query parameter, or null when absent.</summary>
    public IReadOnlyList<string>? GetQueryValues(string name) => _query(name);
}
