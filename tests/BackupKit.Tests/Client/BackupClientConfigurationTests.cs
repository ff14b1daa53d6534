using Amazon.Runtime;
using BackupKit.Wire;

namespace BackupKit.Tests.Client;

/// <summary>Endpoint rules of AWS Backup (model/backup-2018-11-15.endpoint-rule-set.json) and option validation at construction.</summary>
public sealed class BackupClientConfigurationTests
{
    [Theory]
    [InlineData("us-east-1", false, false, "https://backup.us-east-1.amazonaws.com/")]
    [InlineData("us-east-1", true, false, "https://backup-fips.us-east-1.amazonaws.com/")]
    [InlineData("us-east-1", false, true, "https://backup.us-east-1.api.aws/")]
    [InlineData("us-east-1", true, true, "https://backup-fips.us-east-1.api.aws/")]
    [InlineData("eu-west-3", false, false, "https://backup.eu-west-3.amazonaws.com/")]
    [InlineData("cn-north-1", false, false, "https://backup.cn-north-1.amazonaws.com.cn/")]
    [InlineData("cn-northwest-1", false, true, "https://backup.cn-northwest-1.api.amazonwebservices.com.cn/")]
    [InlineData("us-gov-west-1", true, false, "https://backup-fips.us-gov-west-1.amazonaws.com/")]
    [InlineData("us-gov-east-1", false, true, "https://backup.us-gov-east-1.api.aws/")]
    [InlineData("us-iso-east-1", false, false, "https://backup.us-iso-east-1.c2s.ic.gov/")]
    [InlineData("us-isob-east-1", false, false, "https://backup.us-isob-east-1.sc2s.sgov.gov/")]
    [InlineData("eusc-de-east-1", false, false, "https://backup.eusc-de-east-1.amazonaws.eu/")]
    [InlineData("ap-southeast-9", false, false, "https://backup.ap-southeast-9.amazonaws.com/")]
    [InlineData("cn-south-7", false, false, "https://backup.cn-south-7.amazonaws.com.cn/")]
    public void Endpoint_FollowsTheServiceEndpointRules(string region, bool fips, bool dualStack, string expected)
    {
        using var client = new BackupClient(new BackupClientOptions { Region = region, UseFips = fips, UseDualStack = dualStack, Credentials = TestCredentials.Basic });

        Assert.Equal(new Uri(expected), client.Endpoint);
        Assert.Equal(region, client.Region);
    }

    [Fact]
    public void CustomEndpoint_IsUsedAsIs()
    {
        using var client = new BackupClient(new Uri("http://127.0.0.1:4566"), "eu-west-1", TestCredentials.Basic);

        Assert.Equal(new Uri("http://127.0.0.1:4566"), client.Endpoint);
    }

    [Theory]
    [InlineData(true, false, "UseFips", "FIPS and custom endpoint are not supported")]
    [InlineData(false, true, "UseDualStack", "Dualstack and custom endpoint are not supported")]
    public void CustomEndpoint_WithFipsOrDualStack_IsAConfigurationError(bool fips, bool dualStack, string option, string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => new BackupClient(new BackupClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = new Uri("http://127.0.0.1:4566"),
            UseFips = fips,
            UseDualStack = dualStack,
        }));

        Assert.Contains($"BackupClientOptions.{option} is true", error.Message, StringComparison.Ordinal);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptions_AreAllReportedAtOnce_NamingOptionValueAndRule()
    {
        var error = Assert.Throws<ArgumentException>(() => new BackupClient(new BackupClientOptions
        {
            Region = "US East 1",
            ServiceUrl = new Uri("ftp://example.com"),
            ProfileName = "dev",
            Credentials = new BasicAWSCredentials("a", "b"),
            Resilience = new() { MaxAttempts = 0, AttemptTimeout = TimeSpan.FromMinutes(2), TotalTimeout = TimeSpan.FromMinutes(1) },
        }));

        Assert.Contains("BackupClientOptions.Region is 'US East 1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("BackupClientOptions.ServiceUrl is 'ftp://example.com/'; it must be an absolute http or https URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("ProfileName ('dev') and BackupClientOptions.Credentials are both set", error.Message, StringComparison.Ordinal);
        Assert.Contains("BackupClientOptions.Resilience.MaxAttempts is 0; it must be between 1 and 10", error.Message, StringComparison.Ordinal);
        Assert.Contains("BackupClientOptions.Resilience.AttemptTimeout (2 minutes) is longer than BackupClientOptions.Resilience.TotalTimeout (1 minute)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProfile_FailsTheCallWithAClearMessage()
    {
        await using var server = new RawHttpServer();
        using var client = new BackupClient(new BackupClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = server.Endpoint,
            ProfileName = "backupkit-profile-that-does-not-exist",
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));

        Assert.Contains("'backupkit-profile-that-does-not-exist' (BackupClientOptions.ProfileName) was not found", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
