using System.Diagnostics.Metrics;
using BackupKit.Hosting;
using BackupKit.Reconcile;
using BackupKit.Wire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BackupKit in a service collection.</summary>
public static class BackupKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBackupClient"/> (a singleton <see cref="BackupClient"/>) and a <see cref="PostureApplier"/> over it, with <see cref="BackupKitOptions"/>
    /// validated when the host starts, <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already
    /// registered, logging through the registered <see cref="ILoggerFactory"/>, and metrics through the registered
    /// <see cref="IMeterFactory"/> when there is one. Traces and metrics are published
    /// under the name <see cref="BackupKitTelemetry.Name"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, for example <c>o =&gt; o.Client.Region = "eu-west-1"</c>.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddBackupKit(this IServiceCollection services, Action<BackupKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<BackupKitOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackupKitOptions>, BackupKitOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => new BackupClient(
            provider.GetRequiredService<IOptions<BackupKitOptions>>().Value.Client,
            provider.GetService<ILoggerFactory>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<IBackupClient>(static provider => provider.GetRequiredService<BackupClient>());
        services.TryAddSingleton(static provider => new PostureApplier(
            provider.GetRequiredService<IBackupClient>(),
            null,
            provider.GetService<ILogger<PostureApplier>>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
