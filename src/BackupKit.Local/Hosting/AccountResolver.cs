using System.Collections.Frozen;

namespace BackupKit.Local.Hosting;

/// <summary>
/// Decides which account a request acts in from its access key id: an explicit mapping first, then a 12-digit access
/// key taken as the account itself, else the default account. AWS knows only the accounts that exist; the emulator
/// takes at most <see cref="MaxImplicitAccounts"/> accounts from unmapped 12-digit keys, so that a caller inventing
/// account ids cannot make it keep state without bound, and refuses further ones as AWS refuses unknown credentials.
/// </summary>
internal sealed class AccountResolver
{
    /// <summary>How many accounts unmapped 12-digit access keys may open.</summary>
    public const int MaxImplicitAccounts = 100;

    private readonly FrozenDictionary<string, string> _byAccessKey;
    private readonly string _defaultAccountId;
    private readonly HashSet<string> _implicitAccounts = new(StringComparer.Ordinal);

    public AccountResolver(IEnumerable<KeyValuePair<string, string>> byAccessKey, string defaultAccountId)
    {
        _byAccessKey = byAccessKey.ToFrozenDictionary(StringComparer.Ordinal);
        _defaultAccountId = defaultAccountId;
    }

    /// <summary>The account of the access key, or null when it would open an account beyond <see cref="MaxImplicitAccounts"/>.</summary>
    public string? Resolve(string accessKeyId)
    {
        if (_byAccessKey.TryGetValue(accessKeyId, out var account))
        {
            return account;
        }

        if (!IsAccountId(accessKeyId))
        {
            return _defaultAccountId;
        }

        lock (_implicitAccounts)
        {
            return _implicitAccounts.Contains(accessKeyId) || (_implicitAccounts.Count < MaxImplicitAccounts && _implicitAccounts.Add(accessKeyId))
                ? accessKeyId
                : null;
        }
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
