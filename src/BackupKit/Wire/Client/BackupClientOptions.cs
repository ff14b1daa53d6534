using Amazon.Runtime;
using BackupKit.Resilience;

namespace BackupKit.Wire;

/// <summary>
/// Where and as whom a <see cref="BackupClient"/> calls AWS Backup, and how it copes with failures. Everything is
/// optional: without settings the client uses the AWS default credential chain and region chain, like the AWS SDKs.
/// </summary>
public sealed class BackupClientOptions
{
    /// <summary>The AWS Region, for example <c>eu-west-1</c>. When null: <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, the shared config file's profile, then instance metadata.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// A custom endpoint, for example BackupKit.Local's <c>http://127.0.0.1:4566</c>. When null the endpoint follows the
    /// service's endpoint rules: <c>https://backup.{region}.{partition DNS suffix}</c>. Cannot be combined with
    /// <see cref="UseFips"/> or <see cref="UseDualStack"/>.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Credentials to use instead of the default chain (environment, profiles incl. SSO, web identity, container and instance metadata).</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>A profile of the shared config and credentials files to take credentials from, instead of the default chain.</summary>
    public string? ProfileName { get; set; }

    /// <summary>Call the FIPS endpoint (<c>backup-fips.{region}...</c>).</summary>
    public bool UseFips { get; set; }

    /// <summary>Call the dual-stack (IPv4 and IPv6) endpoint of the partition (for example <c>backup.{region}.api.aws</c>).</summary>
    public bool UseDualStack { get; set; }

    /// <summary>Retries, timeouts and circuit breaker.</summary>
    public BackupResilienceOptions Resilience { get; set; } = new();
}
