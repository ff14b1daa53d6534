namespace BackupKit.Wire;

/// <summary>
/// The endpoint a client takes from the environment when its options set none, as the AWS SDKs do
/// ("service-specific endpoints"): <c>AWS_ENDPOINT_URL_BACKUP</c>, then <c>AWS_ENDPOINT_URL</c>; both ignored when
/// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> is <c>true</c>. An endpoint set in code always wins.
/// </summary>
internal static class ConfiguredEndpoint
{
    public const string ServiceVariable = "AWS_ENDPOINT_URL_BACKUP";
    public const string GlobalVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>The configured endpoint, or null when none is configured.</summary>
    /// <exception cref="ArgumentException">The variable that applies is not an absolute http or https URL.</exception>
    public static Uri? Find(Func<string, string?> environment)
    {
        var failures = new List<string>();
        var endpoint = Find(environment, failures);
        return failures.Count == 0 ? endpoint : throw new ArgumentException(failures[0]);
    }

    /// <summary>The configured endpoint, or null; adds a failure when the variable that applies is not a usable URL.</summary>
    public static Uri? Find(Func<string, string?> environment, List<string> failures)
    {
        if (string.Equals(environment(IgnoreVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var variable in (ReadOnlySpan<string>)[ServiceVariable, GlobalVariable])
        {
            var value = environment(variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                return url;
            }

            failures.Add($"The environment variable {variable} is '{value}'; it must be an absolute http or https URL such as 'http://127.0.0.1:4566', or unset.");
            return null;
        }

        return null;
    }
}
