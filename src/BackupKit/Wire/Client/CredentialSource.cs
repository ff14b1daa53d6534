using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace BackupKit.Wire;

/// <summary>
/// Finds the credentials to sign with: the options' override, a named profile, or AWSSDK.Core's default chain
/// (environment, shared profiles incl. SSO, web identity, container and instance metadata). The chain is walked once,
/// lazily at the first call (it may reach the instance metadata service); AWSSDK.Core refreshes expiring credentials.
/// </summary>
internal sealed class CredentialSource
{
    private readonly string? _profileName;
    private AWSCredentials? _credentials;
    private ImmutableCredentials? _fixed;

    public CredentialSource(BackupClientOptions options)
    {
        _profileName = options.ProfileName;
        if (options.Credentials is { } credentials)
        {
            SetCredentials(credentials);
            Description = credentials.GetType().Name;
        }
        else
        {
            Description = _profileName is null ? "the AWS default credential chain" : $"profile '{_profileName}'";
        }
    }

    /// <summary>Where the credentials come from, for logs (never the credentials themselves).</summary>
    public string Description { get; }

    /// <summary>The credentials for the next signature.</summary>
    public ValueTask<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        if (_fixed is { } fixedCredentials)
        {
            return new ValueTask<ImmutableCredentials>(fixedCredentials);
        }

        return GetSlowAsync(cancellationToken);
    }

    private async ValueTask<ImmutableCredentials> GetSlowAsync(CancellationToken cancellationToken)
    {
        var credentials = Volatile.Read(ref _credentials) ?? await ResolveAsync(cancellationToken).ConfigureAwait(false);
        var immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        if (immutable is null || string.IsNullOrEmpty(immutable.AccessKey) || string.IsNullOrEmpty(immutable.SecretKey))
        {
            throw new InvalidOperationException(
                $"The AWS credentials from {Description} have no access key or secret key. Check the credentials configured for BackupKit.");
        }

        return immutable;
    }

    private async Task<AWSCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        AWSCredentials credentials;
        if (_profileName is not null)
        {
            if (!new CredentialProfileStoreChain().TryGetAWSCredentials(_profileName, out credentials))
            {
                throw new InvalidOperationException(
                    $"The AWS profile '{_profileName}' (BackupClientOptions.ProfileName) was not found in the shared config or credentials file " +
                    "(~/.aws/config, ~/.aws/credentials, or the files named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE).");
            }
        }
        else
        {
            try
            {
                credentials = await new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonClientException ex)
            {
                throw new InvalidOperationException(
                    "No AWS credentials were found for BackupKit. Set BackupClientOptions.Credentials or ProfileName, or configure the default chain " +
                    "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a default profile, SSO, web identity, or a container or instance role). " +
                    "The chain reported: " + ex.Message,
                    ex);
            }
        }

        SetCredentials(credentials);
        return credentials;
    }

    private void SetCredentials(AWSCredentials credentials)
    {
        Volatile.Write(ref _credentials, credentials);

        // Static keys never change: read them once and skip the per-call copy AWSSDK.Core would make.
        if (credentials is BasicAWSCredentials or SessionAWSCredentials)
        {
            _fixed = credentials.GetCredentials();
        }
    }
}
