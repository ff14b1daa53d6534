using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class BackupVaultTests : EmulatorTest
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"backup:DeleteRecoveryPoint","Resource":"*"}]}""";

    [Fact]
    public async Task Vault_can_be_created_described_listed_and_deleted()
    {
        var created = await CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "primary", CreatorRequestId = "v-1", BackupVaultTags = new() { ["env"] = "prod" } });

        Assert.Equal("primary", created.BackupVaultName);
        Assert.Equal("arn:aws:backup:us-east-1:000000000000:backup-vault:primary", created.BackupVaultArn);
        Assert.Equal(Clock.GetUtcNow(), created.CreationDate);

        var described = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "primary" });
        Assert.Equal(VaultType.BACKUP_VAULT, described.VaultType);
        Assert.Equal(VaultState.AVAILABLE, described.VaultState);
        Assert.Equal(0, described.NumberOfRecoveryPoints);
        Assert.False(described.Locked);
        Assert.Equal("v-1", described.CreatorRequestId);
        Assert.StartsWith("arn:aws:kms:us-east-1:000000000000:key/", described.EncryptionKeyArn, StringComparison.Ordinal);

        var listed = Assert.Single((await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput())).BackupVaultList!);
        Assert.Equal(created.BackupVaultArn, listed.BackupVaultArn);

        await CallAsync(BackupOperations.DeleteBackupVault, new DeleteBackupVaultInput { BackupVaultName = "primary" });
        var gone = await ErrorAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "primary" });
        Assert.Equal(400, gone.StatusCode);
        Assert.Equal("ResourceNotFoundException", gone.ErrorType);
    }

    [Fact]
    public async Task Vault_with_a_customer_key_reports_it()
    {
        const string key = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        await CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "cmk", EncryptionKeyArn = key });

        var described = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "cmk" });

        Assert.Equal(key, described.EncryptionKeyArn);
        Assert.Equal(EncryptionKeyType.CUSTOMER_MANAGED_KMS_KEY, described.EncryptionKeyType);
    }

    [Fact]
    public async Task Duplicate_vault_name_is_AlreadyExists_but_a_repeated_CreatorRequestId_is_not()
    {
        var first = await CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "dup", CreatorRequestId = "r1" });

        var repeated = await CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "dup", CreatorRequestId = "r1" });
        var error = await ErrorAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "dup" });

        Assert.Equal(first.CreationDate, repeated.CreationDate);
        Assert.Equal("AlreadyExistsException", error.ErrorType);
        Assert.Equal(first.BackupVaultArn, error.Body.GetProperty("Arn").GetString());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("with.dot")]
    [InlineData("this-name-is-much-longer-than-the-fifty-characters-allowed")]
    public async Task Invalid_vault_names_are_InvalidParameterValue(string name)
    {
        var error = await ErrorAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = name });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Contains("BackupVaultName", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBackupVaults_pages_and_filters_by_type()
    {
        foreach (var name in new[] { "v1", "v2", "v3" })
        {
            await CreateVaultAsync(name);
        }

        var first = await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput { MaxResults = 2 });
        var second = await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput { MaxResults = 2, NextToken = first.NextToken });
        var airGapped = await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput { ByVaultType = VaultType.LOGICALLY_AIR_GAPPED_BACKUP_VAULT });

        Assert.Equal(["v1", "v2"], first.BackupVaultList!.Select(v => v.BackupVaultName));
        Assert.Equal(["v3"], second.BackupVaultList!.Select(v => v.BackupVaultName));
        Assert.Null(second.NextToken);
        Assert.Empty(airGapped.BackupVaultList!);
    }

    [Fact]
    public async Task Access_policy_can_be_put_read_and_deleted()
    {
        var vault = await CreateVaultAsync("policy");

        var missing = await ErrorAsync(BackupOperations.GetBackupVaultAccessPolicy, new GetBackupVaultAccessPolicyInput { BackupVaultName = "policy" });
        await CallAsync(BackupOperations.PutBackupVaultAccessPolicy, new PutBackupVaultAccessPolicyInput { BackupVaultName = "policy", Policy = Policy });
        var read = await CallAsync(BackupOperations.GetBackupVaultAccessPolicy, new GetBackupVaultAccessPolicyInput { BackupVaultName = "policy" });
        await CallAsync(BackupOperations.DeleteBackupVaultAccessPolicy, new DeleteBackupVaultAccessPolicyInput { BackupVaultName = "policy" });
        var deleted = await ErrorAsync(BackupOperations.GetBackupVaultAccessPolicy, new GetBackupVaultAccessPolicyInput { BackupVaultName = "policy" });

        Assert.Equal("ResourceNotFoundException", missing.ErrorType);
        Assert.Equal(Policy, read.Policy);
        Assert.Equal(vault.BackupVaultArn, read.BackupVaultArn);
        Assert.Equal("ResourceNotFoundException", deleted.ErrorType);
    }

    [Fact]
    public async Task Access_policy_must_be_a_policy_document()
    {
        await CreateVaultAsync("bad-policy");

        var error = await ErrorAsync(BackupOperations.PutBackupVaultAccessPolicy, new PutBackupVaultAccessPolicyInput { BackupVaultName = "bad-policy", Policy = "{not json" });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
    }

    [Fact]
    public async Task Access_policy_of_an_unknown_vault_is_ResourceNotFound()
    {
        var error = await ErrorAsync(BackupOperations.PutBackupVaultAccessPolicy, new PutBackupVaultAccessPolicyInput { BackupVaultName = "nowhere", Policy = Policy });

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
    }

    [Fact]
    public async Task Notifications_can_be_put_read_and_deleted()
    {
        await CreateVaultAsync("notify");
        const string topic = "arn:aws:sns:us-east-1:000000000000:backup-events";

        await CallAsync(BackupOperations.PutBackupVaultNotifications, new PutBackupVaultNotificationsInput
        {
            BackupVaultName = "notify",
            SNSTopicArn = topic,
            BackupVaultEvents = [BackupVaultEvent.BACKUP_JOB_COMPLETED, BackupVaultEvent.RESTORE_JOB_COMPLETED],
        });
        var read = await CallAsync(BackupOperations.GetBackupVaultNotifications, new GetBackupVaultNotificationsInput { BackupVaultName = "notify" });
        await CallAsync(BackupOperations.DeleteBackupVaultNotifications, new DeleteBackupVaultNotificationsInput { BackupVaultName = "notify" });
        var deleted = await ErrorAsync(BackupOperations.GetBackupVaultNotifications, new GetBackupVaultNotificationsInput { BackupVaultName = "notify" });

        Assert.Equal(topic, read.SNSTopicArn);
        Assert.Equal([BackupVaultEvent.BACKUP_JOB_COMPLETED, BackupVaultEvent.RESTORE_JOB_COMPLETED], read.BackupVaultEvents);
        Assert.Equal("ResourceNotFoundException", deleted.ErrorType);
    }

    [Fact]
    public async Task Notifications_need_an_SNS_topic_ARN_and_known_events()
    {
        await CreateVaultAsync("notify-bad");

        var badTopic = await ErrorAsync(BackupOperations.PutBackupVaultNotifications, new PutBackupVaultNotificationsInput
        {
            BackupVaultName = "notify-bad",
            SNSTopicArn = "backup-events",
            BackupVaultEvents = [BackupVaultEvent.BACKUP_JOB_COMPLETED],
        });
        var badEvent = await ErrorAsync(BackupOperations.PutBackupVaultNotifications, new PutBackupVaultNotificationsInput
        {
            BackupVaultName = "notify-bad",
            SNSTopicArn = "arn:aws:sns:us-east-1:000000000000:t",
            BackupVaultEvents = [new BackupVaultEvent("BACKUP_JOB_EXPLODED")],
        });

        Assert.Equal("InvalidParameterValueException", badTopic.ErrorType);
        Assert.Equal("InvalidParameterValueException", badEvent.ErrorType);
    }
}
