namespace BackupKit.Local.Routing;

/// <summary>
/// Matches an HTTP method and raw (still percent-encoded) path against restJson1 URI templates such as
/// <c>/backup/plans/{backupPlanId}/selections/</c> or <c>/backup-vaults/{backupVaultName}/mpaApprovalTeam?delete</c>.
/// Built once; matching walks a per-method tree of path segments, literal segments before labels, without allocating
/// beyond the decoded label values. A trailing slash is optional on both sides.
/// </summary>
/// <typeparam name="T">What a route leads to.</typeparam>
internal sealed class RouteTable<T>
    where T : class
{
    private readonly Dictionary<string, Node> _roots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the table.</summary>
    /// <exception cref="ArgumentException">A template is malformed or two routes are indistinguishable.</exception>
    public RouteTable(IEnumerable<(string HttpMethod, string UriTemplate, T Target)> routes)
    {
        foreach (var (method, template, target) in routes)
        {
            Add(method, template, target);
        }
    }

    /// <summary>The most labels any route has.</summary>
    public int MaxLabels { get; private set; }

    /// <summary>Finds the route for a request.</summary>
    /// <param name="httpMethod">The request method.</param>
    /// <param name="rawPath">The path as sent, percent-encoded, without the query string.</param>
    /// <param name="hasQueryKey">Whether the request's query string has a key (for templates with a literal query such as <c>?delete</c>); asked only when a candidate route has one.</param>
    /// <param name="match">The route and its decoded labels.</param>
    public bool TryMatch(string httpMethod, ReadOnlySpan<char> rawPath, Func<string, bool> hasQueryKey, out RouteMatch<T> match)
        => TryMatch(httpMethod, rawPath, hasQueryKey, static (lookup, key) => lookup(key), out match);

    /// <summary>Finds the route for a request, asking <paramref name="hasQueryKey"/> with <paramref name="state"/> so that callers need not allocate a closure.</summary>
    public bool TryMatch<TState>(string httpMethod, ReadOnlySpan<char> rawPath, TState state, Func<TState, string, bool> hasQueryKey, out RouteMatch<T> match)
    {
        match = default;
        if (!_roots.TryGetValue(httpMethod, out var root))
        {
            return false;
        }

        var path = Normalize(rawPath);
        var values = MaxLabels == 0 ? [] : new string[MaxLabels];
        if (Walk(root, path, values, 0, new QueryProbe<TState>(state, hasQueryKey), out var endpoint))
        {
            match = new RouteMatch<T>(endpoint!.Target, endpoint.LabelNames, values);
            return true;
        }

        return false;
    }

    private static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> path)
    {
        if (path.Length > 0 && path[0] == '/')
        {
            path = path[1..];
        }

        if (path.Length > 0 && path[^1] == '/')
        {
            path = path[..^1];
        }

        return path;
    }

    private static bool Walk<TState>(Node node, ReadOnlySpan<char> rest, string[] values, int labelIndex, QueryProbe<TState> hasQueryKey, out Endpoint? endpoint)
    {
        if (rest.IsEmpty)
        {
            endpoint = node.Select(hasQueryKey);
            return endpoint is not null;
        }

        var slash = rest.IndexOf('/');
        var segment = slash < 0 ? rest : rest[..slash];
        var next = slash < 0 ? ReadOnlySpan<char>.Empty : rest[(slash + 1)..];
        if (slash >= 0 && next.IsEmpty)
        {
            // "a//": an empty segment; no template has one.
            endpoint = null;
            return false;
        }

        foreach (var (literal, child) in node.Literals)
        {
            if (segment.SequenceEqual(literal) && Walk(child, next, values, labelIndex, hasQueryKey, out endpoint))
            {
                return true;
            }
        }

        if (node.Label is { } labelChild && !segment.IsEmpty)
        {
            values[labelIndex] = Decode(segment);
            if (Walk(labelChild, next, values, labelIndex + 1, hasQueryKey, out endpoint))
            {
                return true;
            }
        }

        if (node.Greedy is { } greedyChild)
        {
            values[labelIndex] = Decode(rest);
            endpoint = greedyChild.Select(hasQueryKey);
            return endpoint is not null;
        }

        endpoint = null;
        return false;
    }

    private static string Decode(ReadOnlySpan<char> segment) =>
        segment.Contains('%') ? Uri.UnescapeDataString(segment.ToString()) : segment.ToString();

    private void Add(string method, string template, T target)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(template);
        if (template[0] != '/')
        {
            throw new ArgumentException($"URI template '{template}' must start with '/'.", nameof(template));
        }

        string? requiredQueryKey = null;
        var pathPart = template;
        var question = template.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            requiredQueryKey = template[(question + 1)..];
            pathPart = template[..question];
            if (requiredQueryKey.Length == 0 || requiredQueryKey.Contains('=', StringComparison.Ordinal) || requiredQueryKey.Contains('&', StringComparison.Ordinal))
            {
                throw new ArgumentException($"URI template '{template}' has a literal query other than a single bare key.", nameof(template));
            }
        }

        if (!_roots.TryGetValue(method, out var node))
        {
            node = new Node();
            _roots.Add(method, node);
        }

        var labelNames = new List<string>();
        var segments = Normalize(pathPart).ToString().Split('/', StringSplitOptions.None);
        if (segments is [""])
        {
            segments = [];
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length > 2 && segment[0] == '{' && segment[^1] == '}')
            {
                var name = segment[1..^1];
                if (name.EndsWith('+'))
                {
                    if (i != segments.Length - 1)
                    {
                        throw new ArgumentException($"URI template '{template}' has a greedy label that is not last.", nameof(template));
                    }

                    labelNames.Add(name[..^1]);
                    node = node.Greedy ??= new Node();
                }
                else
                {
                    labelNames.Add(name);
                    node = node.Label ??= new Node();
                }
            }
            else if (segment.Length == 0 || segment.Contains('{', StringComparison.Ordinal))
            {
                throw new ArgumentException($"URI template '{template}' has an empty segment or a label that is not a whole segment.", nameof(template));
            }
            else
            {
                node = node.GetOrAddLiteral(segment);
            }
        }

        node.AddEndpoint(new Endpoint(target, requiredQueryKey, [.. labelNames]), template);
        MaxLabels = Math.Max(MaxLabels, labelNames.Count);
    }

    private sealed class Node
    {
        private readonly List<Endpoint> _endpoints = [];

        public List<(string Literal, Node Child)> Literals { get; } = [];

        public Node? Label { get; set; }

        public Node? Greedy { get; set; }

        public Node GetOrAddLiteral(string literal)
        {
            foreach (var (existing, child) in Literals)
            {
                if (existing == literal)
                {
                    return child;
                }
            }

            var node = new Node();
            Literals.Add((literal, node));
            return node;
        }

        public void AddEndpoint(Endpoint endpoint, string template)
        {
            foreach (var existing in _endpoints)
            {
                if (existing.RequiredQueryKey == endpoint.RequiredQueryKey)
                {
                    throw new ArgumentException($"URI template '{template}' cannot be told apart from another route of the same method.", nameof(template));
                }
            }

            // Routes that need a query key are tried before the plain one.
            if (endpoint.RequiredQueryKey is null)
            {
                _endpoints.Add(endpoint);
            }
            else
            {
                _endpoints.Insert(0, endpoint);
            }
        }

        public Endpoint? Select<TState>(QueryProbe<TState> hasQueryKey)
        {
            foreach (var endpoint in _endpoints)
            {
                if (endpoint.RequiredQueryKey is null || hasQueryKey.Has(endpoint.RequiredQueryKey))
                {
                    return endpoint;
                }
            }

            return null;
        }
    }

    private sealed record Endpoint(T Target, string? RequiredQueryKey, string[] LabelNames);

    private readonly struct QueryProbe<TState>(TState state, Func<TState, string, bool> hasKey)
    {
        public bool Has(string key) => hasKey(state, key);
    }
}

/// <summary>A matched route and the decoded values of its labels, in template order.</summary>
internal readonly record struct RouteMatch<T>(T Target, string[] LabelNames, string[] LabelValues);
