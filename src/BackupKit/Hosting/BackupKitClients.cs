using BackupKit.Reconcile;
using BackupKit.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace BackupKit.Hosting;

/// <summary>
/// The keyed clients of a host (<see cref="IBackupKitBuilder.AddClient(string, Action{BackupClientOptions}?)"/>), for code
/// that applies a posture to every Region: <c>foreach (var key in clients.Keys) await clients.GetApplier(key).ApplyAsync(posture)</c>.
/// </summary>
public sealed class BackupKitClients
{
    private readonly IServiceProvider _services;
    private readonly BackupKitClientKeys _keys;

    internal BackupKitClients(IServiceProvider services, BackupKitClientKeys keys)
    {
        _services = services;
        _keys = keys;
    }

    /// <summary>The keys of the registered clients, in registration order.</summary>
    public IReadOnlyList<string> Keys => _keys.Keys;

    /// <summary>The client registered under <paramref name="key"/>.</summary>
    /// <param name="key">A key given to <c>AddClient</c>.</param>
    /// <returns>The client, one instance per key.</returns>
    /// <exception cref="KeyNotFoundException">No client is registered under the key.</exception>
    public IBackupClient GetClient(string key) => _services.GetRequiredKeyedService<IBackupClient>(Checked(key));

    /// <summary>The posture applier over the client registered under <paramref name="key"/>.</summary>
    /// <param name="key">A key given to <c>AddClient</c>.</param>
    /// <returns>The applier, one instance per key.</returns>
    /// <exception cref="KeyNotFoundException">No client is registered under the key.</exception>
    public PostureApplier GetApplier(string key) => _services.GetRequiredKeyedService<PostureApplier>(Checked(key));

    private string Checked(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _keys.Contains(key)
            ? key
            : throw new KeyNotFoundException($"No BackupKit client is registered under the key '{key}'; registered keys: {string.Join(", ", _keys.Keys.Select(k => $"'{k}'"))}.");
    }
}
