using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class TagTests : EmulatorTest
{
    [Fact]
    public async Task Plans_and_vaults_can_be_tagged_listed_and_untagged()
    {
        var vault = await CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "tagged", BackupVaultTags = new() { ["env"] = "prod" } });
        var plan = await CallAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = Plan("tagged"), BackupPlanTags = new() { ["owner"] = "ops" } });

        await CallAsync(BackupOperations.TagResource, new TagResourceInput { ResourceArn = vault.BackupVaultArn, Tags = new() { ["team"] = "storage", ["env"] = "staging" } });
        await CallAsync(BackupOperations.TagResource, new TagResourceInput { ResourceArn = plan.BackupPlanArn, Tags = new() { ["cost-center"] = "42" } });
        var vaultTags = await CallAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = vault.BackupVaultArn });
        var planTags = await CallAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = plan.BackupPlanArn });

        Assert.Equal(new Dictionary<string, string> { ["env"] = "staging", ["team"] = "storage" }, vaultTags.Tags);
        Assert.Equal(new Dictionary<string, string> { ["owner"] = "ops", ["cost-center"] = "42" }, planTags.Tags);

        await CallAsync(BackupOperations.UntagResource, new UntagResourceInput { ResourceArn = vault.BackupVaultArn, TagKeyList = ["env", "absent"] });
        Assert.Equal(new Dictionary<string, string> { ["team"] = "storage" }, (await CallAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = vault.BackupVaultArn })).Tags);
    }

    [Fact]
    public async Task ListTags_pages()
    {
        var vault = await CreateVaultAsync("many-tags");
        await CallAsync(BackupOperations.TagResource, new TagResourceInput { ResourceArn = vault.BackupVaultArn, Tags = new() { ["a"] = "1", ["b"] = "2", ["c"] = "3" } });

        var first = await CallAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = vault.BackupVaultArn, MaxResults = 2 });
        var second = await CallAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = vault.BackupVaultArn, MaxResults = 2, NextToken = first.NextToken });

        Assert.Equal(["a", "b"], first.Tags!.Keys);
        Assert.Equal(["c"], second.Tags!.Keys);
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task Tagging_an_unknown_resource_is_ResourceNotFound()
    {
        var error = await ErrorAsync(BackupOperations.TagResource, new TagResourceInput
        {
            ResourceArn = "arn:aws:backup:us-east-1:000000000000:backup-vault:nowhere",
            Tags = new() { ["a"] = "b" },
        });

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
    }

    [Fact]
    public async Task Tags_of_a_deleted_plan_are_gone()
    {
        var plan = await CreatePlanAsync("deleted");
        await CallAsync(BackupOperations.DeleteBackupPlan, new DeleteBackupPlanInput { BackupPlanId = plan.BackupPlanId });

        var error = await ErrorAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = plan.BackupPlanArn });

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
    }

    [Fact]
    public async Task Reserved_aws_prefix_is_refused()
    {
        var vault = await CreateVaultAsync("reserved");

        var error = await ErrorAsync(BackupOperations.TagResource, new TagResourceInput { ResourceArn = vault.BackupVaultArn, Tags = new() { ["aws:created"] = "x" } });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
    }

    [Fact]
    public async Task More_than_50_tags_exceed_the_limit()
    {
        var vault = await CreateVaultAsync("crowded");
        var tags = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v");

        var error = await ErrorAsync(BackupOperations.TagResource, new TagResourceInput { ResourceArn = vault.BackupVaultArn, Tags = tags });

        Assert.Equal("LimitExceededException", error.ErrorType);
        Assert.Empty((await CallAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = vault.BackupVaultArn })).Tags!);
    }

    [Fact]
    public async Task Non_Backup_ARNs_are_refused()
    {
        var error = await ErrorAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = "arn:aws:ec2:us-east-1::snapshot/snap-1234" });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
    }
}
