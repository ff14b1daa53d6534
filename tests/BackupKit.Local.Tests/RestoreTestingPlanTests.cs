using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class RestoreTestingPlanTests : EmulatorTest
{
    internal const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";

    internal static RestoreTestingPlanForCreate PlanDocument(string name = "nightly_check") => new()
    {
        RestoreTestingPlanName = name,
        ScheduleExpression = "cron(0 1 ? * * *)",
        RecoveryPointSelection = new RestoreTestingRecoveryPointSelection
        {
            Algorithm = RestoreTestingRecoveryPointSelectionAlgorithm.LATEST_WITHIN_WINDOW,
            RecoveryPointTypes = [RestoreTestingRecoveryPointType.SNAPSHOT],
            IncludeVaults = ["*"],
        },
    };

    internal static RestoreTestingSelectionForCreate SelectionDocument(string name = "tables", params string[] arns) => new()
    {
        RestoreTestingSelectionName = name,
        ProtectedResourceType = "DynamoDB",
        IamRoleArn = Role,
        ProtectedResourceArns = arns.Length == 0 ? ["*"] : [.. arns],
    };

    [Fact]
    public async Task Plan_is_created_with_AWS_defaults_read_listed_updated_and_deleted()
    {
        var created = await CallAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = PlanDocument(), CreatorRequestId = "req-1", Tags = new() { ["team"] = "data" } });
        var again = await CallAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = PlanDocument(), CreatorRequestId = "req-1" });
        var duplicate = await ErrorAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = PlanDocument() });
        var read = (await CallAsync(BackupOperations.GetRestoreTestingPlan, new GetRestoreTestingPlanInput { RestoreTestingPlanName = "nightly_check" })).RestoreTestingPlan!;
        var tags = await CallAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = created.RestoreTestingPlanArn });

        Assert.StartsWith("arn:aws:backup:us-east-1:000000000000:restore-testing-plan:nightly_check-", created.RestoreTestingPlanArn);
        Assert.Equal(created.RestoreTestingPlanArn, again.RestoreTestingPlanArn);
        Assert.Equal("AlreadyExistsException", duplicate.ErrorType);
        Assert.Equal(24, read.StartWindowHours);
        Assert.Equal(30, read.RecoveryPointSelection!.SelectionWindowDays);
        Assert.Equal("Etc/UTC", read.ScheduleExpressionTimezone);
        Assert.Equal("req-1", read.CreatorRequestId);
        Assert.Equal(Clock.GetUtcNow(), read.CreationTime);
        Assert.Null(read.LastUpdateTime);
        Assert.Equal("data", tags.Tags!["team"]);

        Clock.Advance(TimeSpan.FromHours(1));
        var updated = await CallAsync(BackupOperations.UpdateRestoreTestingPlan, new UpdateRestoreTestingPlanInput
        {
            RestoreTestingPlanName = "nightly_check",
            RestoreTestingPlan = new RestoreTestingPlanForUpdate { StartWindowHours = 6 },
        });
        var afterUpdate = (await CallAsync(BackupOperations.GetRestoreTestingPlan, new GetRestoreTestingPlanInput { RestoreTestingPlanName = "nightly_check" })).RestoreTestingPlan!;
        var listed = await CallAsync(BackupOperations.ListRestoreTestingPlans, new ListRestoreTestingPlansInput());

        Assert.Equal(Clock.GetUtcNow(), updated.UpdateTime);
        Assert.Equal(6, afterUpdate.StartWindowHours);
        Assert.Equal("cron(0 1 ? * * *)", afterUpdate.ScheduleExpression);
        Assert.Equal(["*"], afterUpdate.RecoveryPointSelection!.IncludeVaults!);
        Assert.Equal(Clock.GetUtcNow(), afterUpdate.LastUpdateTime);
        Assert.Equal(["nightly_check"], listed.RestoreTestingPlans!.Select(p => p.RestoreTestingPlanName));

        using var deleted = await Caller.SendAsync(BackupOperations.DeleteRestoreTestingPlan, new DeleteRestoreTestingPlanInput { RestoreTestingPlanName = "nightly_check" });
        var gone = await ErrorAsync(BackupOperations.GetRestoreTestingPlan, new GetRestoreTestingPlanInput { RestoreTestingPlanName = "nightly_check" });
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Equal("ResourceNotFoundException", gone.ErrorType);
    }

    [Theory]
    [InlineData("bad-name", null, null, null, "InvalidParameterValueException")]
    [InlineData("name\n", null, null, null, "InvalidParameterValueException")]
    [InlineData("a_name_that_is_much_longer_than_fifty_characters_xxx", null, null, null, "InvalidParameterValueException")]
    [InlineData("ok", "rate(1 day)", null, null, "InvalidParameterValueException")]
    [InlineData("ok", null, 0, null, "InvalidParameterValueException")]
    [InlineData("ok", null, 169, null, "InvalidParameterValueException")]
    [InlineData("ok", null, null, 366, "InvalidParameterValueException")]
    [InlineData("ok", null, null, 0, "InvalidParameterValueException")]
    public async Task Plan_documents_AWS_refuses_are_refused(string name, string? schedule, int? startWindow, int? selectionWindow, string error)
    {
        var document = PlanDocument(name);
        document.ScheduleExpression = schedule ?? document.ScheduleExpression;
        document.StartWindowHours = startWindow;
        document.RecoveryPointSelection!.SelectionWindowDays = selectionWindow;

        var refused = await ErrorAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = document });

        Assert.Equal(error, refused.ErrorType);
    }

    [Fact]
    public async Task Recovery_point_selection_needs_types_and_vaults_and_at_most_30_selectors()
    {
        var noTypes = PlanDocument();
        noTypes.RecoveryPointSelection!.RecoveryPointTypes = [];
        var noVaults = PlanDocument();
        noVaults.RecoveryPointSelection!.IncludeVaults = null;
        var badVault = PlanDocument();
        badVault.RecoveryPointSelection!.IncludeVaults = ["my-vault"];
        var tooMany = PlanDocument();
        tooMany.RecoveryPointSelection!.IncludeVaults = [.. Enumerable.Range(0, 31).Select(i => $"arn:aws:backup:us-east-1:000000000000:backup-vault:v{i}")];
        var patterns = PlanDocument("patterns");
        patterns.RecoveryPointSelection!.IncludeVaults = ["arn:aws:backup:*:*:backup-vault:prod-*"];
        patterns.RecoveryPointSelection.ExcludeVaults = ["arn:aws:backup:us-east-1:000000000000:backup-vault:prod-scratch"];

        Assert.Equal("MissingParameterValueException", (await ErrorAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = noTypes })).ErrorType);
        Assert.Equal("MissingParameterValueException", (await ErrorAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = noVaults })).ErrorType);
        Assert.Equal("InvalidParameterValueException", (await ErrorAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = badVault })).ErrorType);
        Assert.Equal("InvalidParameterValueException", (await ErrorAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = tooMany })).ErrorType);
        await CallAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = patterns });
    }

    [Fact]
    public async Task Plan_cannot_be_deleted_while_it_has_selections()
    {
        await CallAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = PlanDocument() });
        await CallAsync(BackupOperations.CreateRestoreTestingSelection, new CreateRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelection = SelectionDocument() });

        var refused = await ErrorAsync(BackupOperations.DeleteRestoreTestingPlan, new DeleteRestoreTestingPlanInput { RestoreTestingPlanName = "nightly_check" });
        var missing = await ErrorAsync(BackupOperations.DeleteRestoreTestingPlan, new DeleteRestoreTestingPlanInput { RestoreTestingPlanName = "other" });
        using var deletedSelection = await Caller.SendAsync(BackupOperations.DeleteRestoreTestingSelection, new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelectionName = "tables" });
        await CallAsync(BackupOperations.DeleteRestoreTestingPlan, new DeleteRestoreTestingPlanInput { RestoreTestingPlanName = "nightly_check" });

        Assert.Equal("InvalidRequestException", refused.ErrorType);
        Assert.Equal("InvalidRequestException", missing.ErrorType);
        Assert.Equal(204, (int)deletedSelection.StatusCode);
    }

    [Fact]
    public async Task Selection_is_created_read_listed_updated_and_deleted()
    {
        const string Table = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
        var plan = await CallAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = PlanDocument() });
        var document = SelectionDocument("tables", Table);
        document.ValidationWindowHours = 4;
        document.RestoreMetadataOverrides = new() { ["targetTableName"] = "orders_restore_test" };
        var created = await CallAsync(BackupOperations.CreateRestoreTestingSelection, new CreateRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelection = document, CreatorRequestId = "sel-1" });
        var again = await CallAsync(BackupOperations.CreateRestoreTestingSelection, new CreateRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelection = document, CreatorRequestId = "sel-1" });
        var duplicate = await ErrorAsync(BackupOperations.CreateRestoreTestingSelection, new CreateRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelection = document });
        var noPlan = await ErrorAsync(BackupOperations.CreateRestoreTestingSelection, new CreateRestoreTestingSelectionInput { RestoreTestingPlanName = "missing", RestoreTestingSelection = SelectionDocument("x") });
        var read = (await CallAsync(BackupOperations.GetRestoreTestingSelection, new GetRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelectionName = "tables" })).RestoreTestingSelection!;

        Assert.Equal(plan.RestoreTestingPlanArn, created.RestoreTestingPlanArn);
        Assert.Equal(created.CreationTime, again.CreationTime);
        Assert.Equal("AlreadyExistsException", duplicate.ErrorType);
        Assert.Equal("ResourceNotFoundException", noPlan.ErrorType);
        Assert.Equal([Table], read.ProtectedResourceArns!);
        Assert.Equal(4, read.ValidationWindowHours);
        Assert.Equal("orders_restore_test", read.RestoreMetadataOverrides!["targetTableName"]);

        // Switching to a wildcard with conditions sends both in one request.
        var update = await CallAsync(BackupOperations.UpdateRestoreTestingSelection, new UpdateRestoreTestingSelectionInput
        {
            RestoreTestingPlanName = "nightly_check",
            RestoreTestingSelectionName = "tables",
            RestoreTestingSelection = new RestoreTestingSelectionForUpdate
            {
                ProtectedResourceArns = ["*"],
                ProtectedResourceConditions = new ProtectedResourceConditions { StringEquals = [new KeyValue { Key = "restore-test", Value = "yes" }] },
            },
        });
        var conditionsOnly = await ErrorAsync(BackupOperations.UpdateRestoreTestingSelection, new UpdateRestoreTestingSelectionInput
        {
            RestoreTestingPlanName = "nightly_check",
            RestoreTestingSelectionName = "tables",
            RestoreTestingSelection = new RestoreTestingSelectionForUpdate { ProtectedResourceArns = [Table], ProtectedResourceConditions = new ProtectedResourceConditions { StringNotEquals = [new KeyValue { Key = "tier", Value = "dev" }] } },
        });
        var afterUpdate = (await CallAsync(BackupOperations.GetRestoreTestingSelection, new GetRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelectionName = "tables" })).RestoreTestingSelection!;
        var listed = await CallAsync(BackupOperations.ListRestoreTestingSelections, new ListRestoreTestingSelectionsInput { RestoreTestingPlanName = "nightly_check" });

        Assert.Equal(Clock.GetUtcNow(), update.UpdateTime);
        Assert.Equal("InvalidParameterValueException", conditionsOnly.ErrorType);
        Assert.Equal(["*"], afterUpdate.ProtectedResourceArns!);
        Assert.Equal("restore-test", afterUpdate.ProtectedResourceConditions!.StringEquals!.Single().Key);
        Assert.Equal(4, afterUpdate.ValidationWindowHours);
        Assert.Equal("DynamoDB", listed.RestoreTestingSelections!.Single().ProtectedResourceType);

        var gone = await ErrorAsync(BackupOperations.DeleteRestoreTestingSelection, new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelectionName = "nope" });
        Assert.Equal("ResourceNotFoundException", gone.ErrorType);
    }

    public static TheoryData<string, RestoreTestingSelectionForCreate> RefusedSelections() => new()
    {
        { "type", new RestoreTestingSelectionForCreate { RestoreTestingSelectionName = "s", ProtectedResourceType = "dynamodb", IamRoleArn = Role, ProtectedResourceArns = ["*"] } },
        { "name", new RestoreTestingSelectionForCreate { RestoreTestingSelectionName = "has-dash", ProtectedResourceType = "DynamoDB", IamRoleArn = Role, ProtectedResourceArns = ["*"] } },
        { "role", new RestoreTestingSelectionForCreate { RestoreTestingSelectionName = "s", ProtectedResourceType = "DynamoDB", IamRoleArn = "AWSBackupDefaultServiceRole", ProtectedResourceArns = ["*"] } },
        { "no targets", new RestoreTestingSelectionForCreate { RestoreTestingSelectionName = "s", ProtectedResourceType = "DynamoDB", IamRoleArn = Role } },
        { "wildcard and arn", new RestoreTestingSelectionForCreate { RestoreTestingSelectionName = "s", ProtectedResourceType = "DynamoDB", IamRoleArn = Role, ProtectedResourceArns = ["*", "arn:aws:dynamodb:us-east-1:000000000000:table/a"] } },
        { "arn and conditions", new RestoreTestingSelectionForCreate { RestoreTestingSelectionName = "s", ProtectedResourceType = "DynamoDB", IamRoleArn = Role, ProtectedResourceArns = ["arn:aws:dynamodb:us-east-1:000000000000:table/a"], ProtectedResourceConditions = new ProtectedResourceConditions { StringEquals = [new KeyValue { Key = "k", Value = "v" }] } } },
        { "arn of another type", new RestoreTestingSelectionForCreate { RestoreTestingSelectionName = "s", ProtectedResourceType = "DynamoDB", IamRoleArn = Role, ProtectedResourceArns = ["arn:aws:ec2:us-east-1:000000000000:volume/vol-0123456789abcdef0"] } },
        { "aws: key", new RestoreTestingSelectionForCreate { RestoreTestingSelectionName = "s", ProtectedResourceType = "DynamoDB", IamRoleArn = Role, ProtectedResourceArns = ["*"], ProtectedResourceConditions = new ProtectedResourceConditions { StringEquals = [new KeyValue { Key = "aws:ResourceTag/team", Value = "v" }] } } },
        { "31 conditions", new RestoreTestingSelectionForCreate { RestoreTestingSelectionName = "s", ProtectedResourceType = "DynamoDB", IamRoleArn = Role, ProtectedResourceArns = ["*"], ProtectedResourceConditions = new ProtectedResourceConditions { StringEquals = [.. Enumerable.Range(0, 31).Select(i => new KeyValue { Key = $"k{i}", Value = "v" })] } } },
        { "validation window", new RestoreTestingSelectionForCreate { RestoreTestingSelectionName = "s", ProtectedResourceType = "DynamoDB", IamRoleArn = Role, ProtectedResourceArns = ["*"], ValidationWindowHours = 169 } },
    };

    [Theory]
    [MemberData(nameof(RefusedSelections))]
    public async Task Selections_AWS_refuses_are_refused(string why, RestoreTestingSelectionForCreate document)
    {
        await CallAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = PlanDocument() });

        var refused = await ErrorAsync(BackupOperations.CreateRestoreTestingSelection, new CreateRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelection = document });

        Assert.True(refused.ErrorType == "InvalidParameterValueException", $"{why}: {refused.ErrorType} {refused.BodyMessage}");
    }

    [Fact]
    public async Task A_plan_holds_at_most_30_selections()
    {
        await CallAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput { RestoreTestingPlan = PlanDocument() });
        for (var i = 0; i < 30; i++)
        {
            await CallAsync(BackupOperations.CreateRestoreTestingSelection, new CreateRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelection = SelectionDocument($"s{i}") });
        }

        var refused = await ErrorAsync(BackupOperations.CreateRestoreTestingSelection, new CreateRestoreTestingSelectionInput { RestoreTestingPlanName = "nightly_check", RestoreTestingSelection = SelectionDocument("s30") });

        Assert.Equal("LimitExceededException", refused.ErrorType);
    }
}
