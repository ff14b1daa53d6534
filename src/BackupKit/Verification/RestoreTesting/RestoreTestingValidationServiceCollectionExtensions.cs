using BackupKit.Verification.History;
using BackupKit.Verification.RestoreTesting;
using BackupKit.Wire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BackupKit's restore testing validation.</summary>
public static class RestoreTestingValidationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RestoreTestingValidationHandler"/> (over the registered <see cref="IBackupClient"/>, for
    /// example from <c>AddBackupKit</c>) and <see cref="RestoreTestingValidationService"/> as a hosted service that
    /// validates the restore tests waiting for validation every <see cref="RestoreTestingValidationOptions.ScanInterval"/>.
    /// An <see cref="IRestoreHistoryStore"/> registered in the container receives the results.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds validators, plans and timings; the options are checked when the handler is created.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddRestoreTestingValidation(this IServiceCollection services, Action<RestoreTestingValidationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RestoreTestingValidationOptions();
        configure(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(static provider => new RestoreTestingValidationHandler(
            provider.GetRequiredService<IBackupClient>(),
            provider.GetRequiredService<RestoreTestingValidationOptions>(),
            provider.GetService<ILogger<RestoreTestingValidationHandler>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<IRestoreHistoryStore>(),
            provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<RestoreTestingValidationService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RestoreTestingValidationService>(static provider => provider.GetRequiredService<RestoreTestingValidationService>()));
        return services;
    }
}
