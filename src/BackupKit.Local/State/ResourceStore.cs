namespace BackupKit.Local.State;

/// <summary>
/// The emulated resources of one account in one Region, by ARN, with an index from tag key and value to ARNs so that
/// selections by tags find their resources without scanning the whole inventory. Used under the region gate.
/// </summary>
internal sealed class ResourceStore
{
    private readonly Dictionary<string, EmulatedResource> _byArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _byTag = new(StringComparer.Ordinal);

    public int Count => _byArn.Count;

    public IEnumerable<EmulatedResource> All => _byArn.Values;

    public EmulatedResource? Find(string arn) => _byArn.GetValueOrDefault(arn);

    /// <summary>Adds the resource or replaces the one with its ARN, keeping the tag index in step.</summary>
    public void Put(EmulatedResource resource)
    {
        if (_byArn.TryGetValue(resource.Arn, out var previous))
        {
            Unindex(previous);
        }

        _byArn[resource.Arn] = resource;
        foreach (var (key, value) in resource.Tags)
        {
            if (!_byTag.TryGetValue(key, out var values))
            {
                _byTag[key] = values = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            }

            if (!values.TryGetValue(value, out var arns))
            {
                values[value] = arns = new HashSet<string>(StringComparer.Ordinal);
            }

            arns.Add(resource.Arn);
        }
    }

    public bool Remove(string arn)
    {
        if (!_byArn.Remove(arn, out var previous))
        {
            return false;
        }

        Unindex(previous);
        return true;
    }

    /// <summary>The ARNs of the resources tagged <paramref name="key"/>=<paramref name="value"/> (case-sensitive), or null.</summary>
    public IReadOnlyCollection<string>? WithTag(string key, string value) =>
        _byTag.TryGetValue(key, out var values) && values.TryGetValue(value, out var arns) ? arns : null;

    private void Unindex(EmulatedResource resource)
    {
        foreach (var (key, value) in resource.Tags)
        {
            if (_byTag.TryGetValue(key, out var values) && values.TryGetValue(value, out var arns))
            {
                arns.Remove(resource.Arn);
                if (arns.Count == 0)
                {
                    values.Remove(value);
                    if (values.Count == 0)
                    {
                        _byTag.Remove(key);
                    }
                }
            }
        }
    }
}
