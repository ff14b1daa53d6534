using System.Diagnostics.Metrics;
using BackupKit.Hosting;
using BackupKit.Reconcile;
using BackupKit.Telemetry;
using BackupKit.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BackupKit in a service collection.</summary>
public static class BackupKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBackupClient"/> (a singleton <see cref="BackupClient"/>), a <see cref="PostureApplier"/> over
    /// it and <see cref="BackupKitClients"/>, with <see cref="BackupKitOptions"/> validated when the host starts (Region
    /// names included), <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already registered,
    /// logging through the registered <see cref="ILoggerFactory"/>, and metrics through the registered
    /// <see cref="IMeterFactory"/> when there is one. Traces and metrics are published under the name
    /// <see cref="BackupKitTelemetry.Name"/>. Without settings the client follows the AWS SDKs: the Region and
    /// credential chains, and <c>AWS_ENDPOINT_URL_BACKUP</c> or <c>AWS_ENDPOINT_URL</c> when set.
    /// Calling it again adds to the same registration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder that adds keyed clients, one per Region or account.</returns>
    public static IBackupKitBuilder AddBackupKit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        var keys = services.FirstOrDefault(d => d.ServiceType == typeof(BackupKitClientKeys))?.ImplementationInstance as BackupKitClientKeys;
        if (keys is null)
        {
            keys = new BackupKitClientKeys();
            services.AddSingleton(keys);
        }

        services.AddOptions<BackupKitOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackupKitOptions>, BackupKitOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => CreateClient(provider, provider.GetRequiredService<IOptions<BackupKitOptions>>().Value));
        services.TryAddSingleton<IBackupClient>(static provider => provider.GetRequiredService<BackupClient>());
        services.TryAddSingleton(static provider => CreateApplier(provider, provider.GetRequiredService<IBackupClient>(), provider.GetRequiredService<IOptions<BackupKitOptions>>().Value));
        services.TryAddSingleton(provider => new BackupKitClients(provider, provider.GetRequiredService<BackupKitClientKeys>()));
        return new BackupKitBuilder(services, keys);
    }

    /// <summary>Registers BackupKit (see <see cref="AddBackupKit(IServiceCollection)"/>) with options set in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, for example <c>o =&gt; o.Client.Region = "eu-west-1"</c>.</param>
    /// <returns>A builder that adds keyed clients, one per Region or account.</returns>
    public static IBackupKitBuilder AddBackupKit(this IServiceCollection services, Action<BackupKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddBackupKit().Configure(configure);
    }

    /// <summary>
    /// Registers BackupKit (see <see cref="AddBackupKit(IServiceCollection)"/>) with options bound from configuration:
    /// <c>Client</c> (the default client's <see cref="BackupClientOptions"/>), <c>Apply</c>
    /// (<see cref="PostureApplyOptions"/>) and <c>Clients:{key}</c>, one keyed client per child, bound over the default client's options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>BackupKit</c> section, or a root configuration that has one.</param>
    /// <returns>A builder that adds more keyed clients.</returns>
    /// <exception cref="InvalidOperationException">Two clients have the same key.</exception>
    public static IBackupKitBuilder AddBackupKit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Given the root, read its BackupKit section; given a section, read it as it is.
        var section = configuration is IConfigurationSection || !configuration.GetSection(BackupKitOptions.SectionName).Exists()
            ? configuration
            : configuration.GetSection(BackupKitOptions.SectionName);

        // Name null: the base of the default client and of every keyed client.
        services.Configure<BackupKitOptions>(name: null, section);
        var builder = services.AddBackupKit();
        foreach (var client in section.GetSection("Clients").GetChildren())
        {
            builder.AddClient(client.Key, client);
        }

        return builder;
    }

    internal static BackupClient CreateClient(IServiceProvider provider, BackupKitOptions options) => new(
        options.Client,
        provider.GetService<ILoggerFactory>(),
        provider.GetRequiredService<TimeProvider>(),
        provider.GetService<IMeterFactory>());

    internal static PostureApplier CreateApplier(IServiceProvider provider, IBackupClient client, BackupKitOptions options) => new(
        client,
        options.Apply,
        provider.GetService<ILogger<PostureApplier>>(),
        provider.GetRequiredService<TimeProvider>());
}
