using BackupKit.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackupKit.Hosting;

/// <summary>
/// Returned by <c>services.AddBackupKit(...)</c>: adds keyed clients, one per Region (and per account where the
/// credentials differ), so that one host can apply a multi-Region posture.
/// </summary>
public interface IBackupKitBuilder
{
    /// <summary>The service collection BackupKit is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Registers an <see cref="IBackupClient"/> and a <c>PostureApplier</c> under the key <paramref name="key"/>
    /// (resolve them with <c>[FromKeyedServices("us-east-1")]</c> or <see cref="BackupKitClients"/>). The client starts
    /// from the default client's options (<see cref="BackupKitOptions.Client"/>), takes the key as its Region unless
    /// <paramref name="configure"/> sets one, then applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="key">The key, for example a Region (<c>"eu-west-1"</c>) or an account and Region (<c>"dr/eu-west-1"</c>).</param>
    /// <param name="configure">Sets what differs from the default client, for example <c>o =&gt; o.ProfileName = "dr"</c>.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A client with the same key is already registered.</exception>
    IBackupKitBuilder AddClient(string key, Action<BackupClientOptions>? configure = null);

    /// <summary>
    /// Registers a keyed client like <see cref="AddClient(string, Action{BackupClientOptions}?)"/>, with its settings
    /// bound from <paramref name="section"/> over the default client's options.
    /// </summary>
    /// <param name="key">The key, for example a Region.</param>
    /// <param name="section">The settings, in the shape of <see cref="BackupClientOptions"/> (<c>Region</c>, <c>ServiceUrl</c>, <c>ProfileName</c>, <c>Resilience</c>...).</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A client with the same key is already registered.</exception>
    IBackupKitBuilder AddClient(string key, IConfiguration section);

    /// <summary>Adds a configuration step for <see cref="BackupKitOptions"/>, for example the apply options.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder, for chaining.</returns>
    IBackupKitBuilder Configure(Action<BackupKitOptions> configure);
}
