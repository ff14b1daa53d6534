namespace BackupKit.Hosting;

/// <summary>The keys of the keyed clients registered in one service collection, in registration order.</summary>
internal sealed class BackupKitClientKeys
{
    private readonly List<string> _keys = [];

    public int Count => _keys.Count;

    public IReadOnlyList<string> Keys => _keys;

    public bool Contains(string key) => _keys.Contains(key, StringComparer.Ordinal);

    public void Add(string key)
    {
        if (Contains(key))
        {
            throw new InvalidOperationException(
                $"A BackupKit client with the key '{key}' is already registered; each key names one client. Use another key " +
                "(for example \"prod/eu-west-1\" and \"dr/eu-west-1\" for two accounts in one Region) or remove the second registration.");
        }

        _keys.Add(key);
    }
}
