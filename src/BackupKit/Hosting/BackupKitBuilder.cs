using BackupKit.Reconcile;
using BackupKit.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackupKit.Hosting;

/// <summary>
/// Keyed clients are named options: every configuration step of the default client applies to each of them first
/// (ConfigureAll), then the key's own settings (PostConfigure), so a keyed client differs from the default only where it says so.
/// </summary>
internal sealed class BackupKitBuilder(IServiceCollection services, BackupKitClientKeys keys) : IBackupKitBuilder
{
    public IServiceCollection Services { get; } = services;

    public IBackupKitBuilder Configure(Action<BackupKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.ConfigureAll(configure);
        return this;
    }

    public IBackupKitBuilder AddClient(string key, Action<BackupClientOptions>? configure = null) =>
        Register(key, client => configure?.Invoke(client));

    public IBackupKitBuilder AddClient(string key, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Register(key, section.Bind);
    }

    private BackupKitBuilder Register(string key, Action<BackupClientOptions> overlay)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        keys.Add(key);

        Services.AddOptions<BackupKitOptions>(key)
            .PostConfigure(options =>
            {
                // "eu-west-1" or "dr/eu-west-1": the last segment is the Region unless the key's settings name another.
                options.Client.Region = key[(key.LastIndexOf('/') + 1)..];
                overlay(options.Client);
            })
            .ValidateOnStart();

        Services.AddKeyedSingleton(key, static (provider, serviceKey) =>
            BackupKitServiceCollectionExtensions.CreateClient(provider, Options(provider, serviceKey)));
        Services.AddKeyedSingleton<IBackupClient>(key, static (provider, serviceKey) => provider.GetRequiredKeyedService<BackupClient>(serviceKey));
        Services.AddKeyedSingleton(key, static (provider, serviceKey) =>
            BackupKitServiceCollectionExtensions.CreateApplier(provider, provider.GetRequiredKeyedService<IBackupClient>(serviceKey), Options(provider, serviceKey)));
        return this;
    }

    private static BackupKitOptions Options(IServiceProvider provider, object? serviceKey) =>
        provider.GetRequiredService<IOptionsMonitor<BackupKitOptions>>().Get((string)serviceKey!);
}
