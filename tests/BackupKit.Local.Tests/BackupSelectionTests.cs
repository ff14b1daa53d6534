using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class BackupSelectionTests : EmulatorTest
{
    [Fact]
    public async Task Selection_can_be_created_read_listed_and_deleted()
    {
        var plan = await CreatePlanAsync("selections");
        var selection = Selection("tagged");
        selection.Conditions = new Conditions { StringEquals = [new ConditionParameter { ConditionKey = "aws:ResourceTag/env", ConditionValue = "prod" }] };

        var created = await CallAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = selection, CreatorRequestId = "sel-1" });
        Assert.True(Guid.TryParse(created.SelectionId, out _));
        Assert.Equal(plan.BackupPlanId, created.BackupPlanId);
        Assert.Equal(Clock.GetUtcNow(), created.CreationDate);

        var read = await CallAsync(BackupOperations.GetBackupSelection, new GetBackupSelectionInput { BackupPlanId = plan.BackupPlanId, SelectionId = created.SelectionId });
        Assert.Equal("tagged", read.BackupSelection!.SelectionName);
        Assert.Equal("backup", Assert.Single(read.BackupSelection.ListOfTags!).ConditionKey);
        Assert.Equal("aws:ResourceTag/env", Assert.Single(read.BackupSelection.Conditions!.StringEquals!).ConditionKey);
        Assert.Equal("sel-1", read.CreatorRequestId);

        var list = await CallAsync(BackupOperations.ListBackupSelections, new ListBackupSelectionsInput { BackupPlanId = plan.BackupPlanId });
        var member = Assert.Single(list.BackupSelectionsList!);
        Assert.Equal(created.SelectionId, member.SelectionId);
        Assert.Equal(selection.IamRoleArn, member.IamRoleArn);

        await CallAsync(BackupOperations.DeleteBackupSelection, new DeleteBackupSelectionInput { BackupPlanId = plan.BackupPlanId, SelectionId = created.SelectionId });
        Assert.Empty((await CallAsync(BackupOperations.ListBackupSelections, new ListBackupSelectionsInput { BackupPlanId = plan.BackupPlanId })).BackupSelectionsList!);
        var gone = await ErrorAsync(BackupOperations.GetBackupSelection, new GetBackupSelectionInput { BackupPlanId = plan.BackupPlanId, SelectionId = created.SelectionId });
        Assert.Equal("ResourceNotFoundException", gone.ErrorType);
    }

    [Fact]
    public async Task Repeated_CreatorRequestId_returns_the_existing_selection()
    {
        var plan = await CreatePlanAsync("idempotent-selection");
        var input = new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = Selection(), CreatorRequestId = "same" };

        var first = await CallAsync(BackupOperations.CreateBackupSelection, input);
        var second = await CallAsync(BackupOperations.CreateBackupSelection, input);

        Assert.Equal(first.SelectionId, second.SelectionId);
        Assert.Single((await CallAsync(BackupOperations.ListBackupSelections, new ListBackupSelectionsInput { BackupPlanId = plan.BackupPlanId })).BackupSelectionsList!);
    }

    [Fact]
    public async Task Selection_without_Resources_or_ListOfTags_is_refused_as_AWS_refuses_it()
    {
        var plan = await CreatePlanAsync("empty-selection");
        var selection = Selection();
        selection.ListOfTags = null;
        selection.Conditions = new Conditions { StringEquals = [new ConditionParameter { ConditionKey = "aws:ResourceTag/env", ConditionValue = "prod" }] };

        var error = await ErrorAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = selection });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Equal("Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.", error.BodyMessage);
    }

    [Fact]
    public async Task Selection_needs_an_IAM_role_ARN()
    {
        var plan = await CreatePlanAsync("role");
        var selection = Selection();
        selection.IamRoleArn = "AWSBackupDefaultServiceRole";

        var error = await ErrorAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = selection });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Contains("IamRoleArn", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Selection_without_required_members_is_MissingParameterValue()
    {
        var plan = await CreatePlanAsync("missing");

        var error = await ErrorAsync(
            BackupOperations.CreateBackupSelection,
            new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = new BackupSelection { SelectionName = "x", Resources = ["*"] } });

        Assert.Equal("MissingParameterValueException", error.ErrorType);
        Assert.Contains("BackupSelection.IamRoleArn", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Condition_keys_must_name_a_resource_tag()
    {
        var plan = await CreatePlanAsync("keys");
        var selection = Selection();
        selection.Conditions = new Conditions { StringLike = [new ConditionParameter { ConditionKey = "env", ConditionValue = "prod*" }] };

        var error = await ErrorAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = selection });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Contains("aws:ResourceTag/", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_30_wildcard_ARNs_are_refused()
    {
        var plan = await CreatePlanAsync("wildcards");
        var selection = Selection();
        selection.Resources = Enumerable.Range(0, 31).Select(i => $"arn:aws:s3:::bucket-{i}-*").ToList();

        var error = await ErrorAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = selection });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
    }

    [Fact]
    public async Task Selection_of_an_unknown_plan_is_ResourceNotFound()
    {
        var error = await ErrorAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = "missing", BackupSelection = Selection() });

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
    }

    [Fact]
    public async Task ListBackupSelections_pages()
    {
        var plan = await CreatePlanAsync("paged-selections");
        for (var i = 0; i < 3; i++)
        {
            var selection = Selection($"s{i}");
            selection.ListOfTags = null;
            selection.Resources = [$"arn:aws:dynamodb:us-east-1:000000000000:table/t{i}"];
            await CallAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = selection });
        }

        var first = await CallAsync(BackupOperations.ListBackupSelections, new ListBackupSelectionsInput { BackupPlanId = plan.BackupPlanId, MaxResults = 2 });
        var second = await CallAsync(BackupOperations.ListBackupSelections, new ListBackupSelectionsInput { BackupPlanId = plan.BackupPlanId, MaxResults = 2, NextToken = first.NextToken });

        Assert.Equal(["s0", "s1"], first.BackupSelectionsList!.Select(s => s.SelectionName));
        Assert.Equal(["s2"], second.BackupSelectionsList!.Select(s => s.SelectionName));
        Assert.Null(second.NextToken);
    }
}
