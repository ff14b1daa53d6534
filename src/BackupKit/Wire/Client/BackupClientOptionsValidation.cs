using BackupKit.Resilience;

namespace BackupKit.Wire;

/// <summary>The rules a <see cref="BackupClientOptions"/> must satisfy; shared by the client's constructor and options validation at start-up.</summary>
internal static class BackupClientOptionsValidation
{
    /// <summary>Adds one message per broken rule to <paramref name="failures"/>.</summary>
    public static void Validate(BackupClientOptions options, string prefix, List<string> failures)
    {
        if (options.Region is { } region && !BackupEndpointResolver.IsValidRegionName(region))
        {
            failures.Add($"{prefix}.Region is '{region}'; it must be an AWS Region name such as 'us-east-1' (lower-case letters, digits and hyphens).");
        }

        if (options.ServiceUrl is { } serviceUrl)
        {
            // Shown without user information, query or fragment: a password or token in the URL must not reach an exception or a log.
            var url = SecretRedaction.WithoutUserInfo(serviceUrl);
            if (serviceUrl.IsAbsoluteUri && !string.IsNullOrEmpty(serviceUrl.UserInfo))
            {
                failures.Add($"{prefix}.ServiceUrl '{url}' carries user information (user:password@); AWS Backup authenticates with SigV4 signatures, not URL credentials. Remove it and set {prefix}.Credentials.");
            }

            if (!serviceUrl.IsAbsoluteUri || (serviceUrl.Scheme != Uri.UriSchemeHttp && serviceUrl.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{prefix}.ServiceUrl is '{url}'; it must be an absolute http or https URL such as 'http://127.0.0.1:4566'.");
            }
            else if (!string.IsNullOrEmpty(serviceUrl.Query) || !string.IsNullOrEmpty(serviceUrl.Fragment))
            {
                failures.Add($"{prefix}.ServiceUrl is '{url}'; it must not contain a query string or fragment.");
            }

            // The endpoint rules of AWS Backup refuse both combinations.
            if (options.UseFips)
            {
                failures.Add($"{prefix}.UseFips is true while {prefix}.ServiceUrl is set; AWS Backup's endpoint rules say \"FIPS and custom endpoint are not supported\". Remove one of them.");
            }

            if (options.UseDualStack)
            {
                failures.Add($"{prefix}.UseDualStack is true while {prefix}.ServiceUrl is set; AWS Backup's endpoint rules say \"Dualstack and custom endpoint are not supported\". Remove one of them.");
            }
        }

        if (options.ProfileName is { } profile)
        {
            if (string.IsNullOrWhiteSpace(profile))
            {
                failures.Add($"{prefix}.ProfileName is empty; set a profile name or leave it null to use the default credential chain.");
            }
            else if (options.Credentials is not null)
            {
                failures.Add($"{prefix}.ProfileName ('{profile}') and {prefix}.Credentials are both set; set only one of them.");
            }
        }

        BackupResilienceOptionsValidation.Validate(options.Resilience, prefix + ".Resilience", failures);
    }
}
