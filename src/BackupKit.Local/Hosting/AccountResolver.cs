using System.Collections.Frozen;

namespace BackupKit.Local.Hosting;

/// <summary>
/// Decides which account a request acts in from its access key id: an explicit mapping first, then a 12-digit access
/// key taken as the account itself, else the default account.
/// </summary>
internal sealed class AccountResolver
{
    private readonly FrozenDictionary<string, string> _byAccessKey;
    private readonly string _defaultAccountId;

    public AccountResolver(IEnumerable<KeyValuePair<string, string>> byAccessKey, string defaultAccountId)
    {
        _byAccessKey = byAccessKey.ToFrozenDictionary(StringComparer.Ordinal);
        _defaultAccountId = defaultAccountId;
    }

    public string Resolve(string accessKeyId)
    {
        if (_byAccessKey.TryGetValue(accessKeyId, out var account))
        {
            return account;
        }

        return IsAccountId(accessKeyId) ? accessKeyId : _defaultAccountId;
    }

    public static bool IsAccountId(string value)
    {
        if (value.Length != 12)
        {
            return false;
        }

        foreach (var ch in value)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }
        }

        return true;
    }
}
