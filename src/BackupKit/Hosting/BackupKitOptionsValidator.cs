using BackupKit.Wire;
using Microsoft.Extensions.Options;

namespace BackupKit.Hosting;

/// <summary>
/// Validates <see cref="BackupKitOptions"/> at start-up with the same rules the client applies, every broken rule
/// listed: the default client's options (unnamed) and each keyed client's (named by its key). Region names are checked
/// against AWS's Regions, with a suggestion for a near miss (<c>us-east-l</c>: did you mean <c>us-east-1</c>?).
/// </summary>
internal sealed class BackupKitOptionsValidator(BackupKitClientKeys keys) : IValidateOptions<BackupKitOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keyed = !string.IsNullOrEmpty(name);
        if (keyed && !keys.Contains(name!))
        {
            return ValidateOptionsResult.Skip;
        }

        var prefix = keyed ? $"BackupKitOptions.Clients[{name}]" : "BackupKitOptions.Client";
        if (options.Client is null)
        {
            return ValidateOptionsResult.Fail($"{prefix} is null; leave it at its default or set a BackupClientOptions instance.");
        }

        if (options.Apply is null)
        {
            return ValidateOptionsResult.Fail("BackupKitOptions.Apply is null; leave it at its default or set a PostureApplyOptions instance.");
        }

        var failures = new List<string>();
        if (options.Apply.MaxConcurrentReads is < 1 or > Reconcile.PostureApplyOptions.MaxConcurrentReadsLimit)
        {
            failures.Add($"BackupKitOptions.Apply.MaxConcurrentReads is {options.Apply.MaxConcurrentReads}; set 1 (one read after another) to {Reconcile.PostureApplyOptions.MaxConcurrentReadsLimit}, or leave the default of 4.");
        }

        BackupClientOptionsValidation.Validate(options.Client, prefix, failures);
        if (options.Client.ServiceUrl is null)
        {
            ConfiguredEndpoint.Find(Environment.GetEnvironmentVariable, failures);
        }

        if (options.Client.Region is { } region)
        {
            ValidateRegionName(region, prefix + ".Region", failures);
        }
        else if (!keyed && keys.Count == 0 && Amazon.Runtime.FallbackRegionFactory.GetRegionEndpoint() is null)
        {
            // The client would fail on first use without a Region; say so at start-up instead. A host that only uses
            // keyed clients needs no default Region. AWSSDK.Core caches the lookup.
            failures.Add(
                "BackupKitOptions.Client.Region is not set and no Region was found in AWS_REGION, AWS_DEFAULT_REGION, the shared config file " +
                "or instance metadata; set it, for example o => o.Client.Region = \"eu-west-1\" or BackupKit:Client:Region in the configuration.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRegionName(string region, string path, List<string> failures)
    {
        if (!BackupEndpointResolver.IsValidRegionName(region) || BackupEndpointResolver.IsKnownOrPatternedRegion(region))
        {
            return; // A malformed name is already reported by the client's own rules.
        }

        var suggestions = BackupEndpointResolver.SuggestRegions(region);
        failures.Add(suggestions.Count > 0
            ? $"{path} is '{region}', which is not an AWS Region; did you mean '{suggestions[0]}'?"
            : $"{path} is '{region}', which is not an AWS Region; use a Region name such as 'us-east-1' or 'eu-west-1'.");
    }
}
