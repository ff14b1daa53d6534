using BackupKit.Wire;
using Microsoft.Extensions.Options;

namespace BackupKit.Hosting;

/// <summary>Validates <see cref="BackupKitOptions"/> at start-up with the same rules the client applies, every broken rule listed.</summary>
internal sealed class BackupKitOptionsValidator : IValidateOptions<BackupKitOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Client is null)
        {
            return ValidateOptionsResult.Fail("BackupKitOptions.Client is null; leave it at its default or set a BackupClientOptions instance.");
        }

        var failures = new List<string>();
        BackupClientOptionsValidation.Validate(options.Client, "BackupKitOptions.Client", failures);

        // The client would fail on first use without a Region; say so at start-up instead. AWSSDK.Core caches the lookup.
        if (options.Client.Region is null && Amazon.Runtime.FallbackRegionFactory.GetRegionEndpoint() is null)
        {
            failures.Add(
                "BackupKitOptions.Client.Region is not set and no Region was found in AWS_REGION, AWS_DEFAULT_REGION, the shared config file " +
                "or instance metadata; set it, for example o => o.Client.Region = \"eu-west-1\".");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
