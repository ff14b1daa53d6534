using BackupKit.Verification;
using BackupKit.Verification.RestoreTesting;
using BackupKit.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace BackupKit.Tests.Verification;

/// <summary>
/// The restore testing validation handler's decisions over the public client surface, with AWS's answers stubbed to
/// reach exact edge cases (a target missed, an EventBridge event, DI registration); the end-to-end proof against the
/// emulator's scheduled restore tests is <see cref="RestoreTestingHandlerAgainstEmulatorTests"/>.
/// </summary>
public sealed class RestoreTestingValidationHandlerTests
{
    private const string PlanArn = "arn:aws:backup:us-east-1:111122223333:restore-testing-plan:weekly-1";
    private static readonly DateTimeOffset Completed = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Completed.AddMinutes(5));
    private readonly IBackupClient _client = Substitute.For<IBackupClient>();

    public RestoreTestingValidationHandlerTests()
    {
        _client.ListRestoreTestingPlansAsync(Arg.Any<ListRestoreTestingPlansInput>(), Arg.Any<CancellationToken>()).Returns(new ListRestoreTestingPlansOutput
        {
            RestoreTestingPlans = [new RestoreTestingPlanForList { RestoreTestingPlanArn = PlanArn, RestoreTestingPlanName = "weekly" }],
        });
        _client.ListRestoreTestingSelectionsAsync(Arg.Any<ListRestoreTestingSelectionsInput>(), Arg.Any<CancellationToken>()).Returns(new ListRestoreTestingSelectionsOutput
        {
            RestoreTestingSelections = [new RestoreTestingSelectionForList { ProtectedResourceType = "DynamoDB", ValidationWindowHours = 2, RestoreTestingPlanName = "weekly" }],
        });
        _client.GetRestoreJobMetadataAsync(Arg.Any<GetRestoreJobMetadataInput>(), Arg.Any<CancellationToken>())
            .Returns(new GetRestoreJobMetadataOutput { Metadata = new() { ["targetTableName"] = "orders-restore-test" } });
        _client.ListRestoreJobsAsync(Arg.Any<ListRestoreJobsInput>(), Arg.Any<CancellationToken>()).Returns(new ListRestoreJobsOutput
        {
            RestoreJobs =
            [
                new RestoreJobsListMember { RestoreJobId = "TESTED", Status = RestoreJobStatus.COMPLETED, CreatedBy = new RestoreJobCreator { RestoreTestingPlanArn = PlanArn } },
                new RestoreJobsListMember { RestoreJobId = "ON-DEMAND", Status = RestoreJobStatus.COMPLETED },
                new RestoreJobsListMember { RestoreJobId = "DONE", Status = RestoreJobStatus.COMPLETED, CreatedBy = new RestoreJobCreator { RestoreTestingPlanArn = PlanArn }, ValidationStatus = RestoreValidationStatus.SUCCESSFUL },
            ],
        });
        _client.DescribeRestoreJobAsync(Arg.Is<DescribeRestoreJobInput>(i => i.RestoreJobId == "TESTED"), Arg.Any<CancellationToken>()).Returns(_ => Job("TESTED"));
    }

    [Fact]
    public async Task Jobs_waiting_for_validation_are_validated_and_the_result_is_put_before_the_window_ends()
    {
        var handler = Handler(RestoreValidationResult.Pass("52,000 items"));

        var results = await handler.ValidatePendingAsync();

        var result = Assert.Single(results);
        Assert.Equal("TESTED", result.RestoreJobId);
        Assert.True(result.Reported);
        Assert.Equal("SUCCESSFUL", result.ValidationStatus);
        Assert.Equal(Completed.AddHours(2), result.ValidationWindowEnd);
        Assert.Equal(TimeSpan.FromMinutes(25), result.RestoreDuration);
        await _client.Received(1).PutRestoreValidationResultAsync(
            Arg.Is<PutRestoreValidationResultInput>(i => i.RestoreJobId == "TESTED" && i.ValidationStatus == RestoreValidationStatus.SUCCESSFUL && i.ValidationStatusMessage!.Contains("52,000 items")),
            Arg.Any<CancellationToken>());
        await _client.DidNotReceive().PutRestoreValidationResultAsync(Arg.Is<PutRestoreValidationResultInput>(i => i.RestoreJobId != "TESTED"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failing_validator_or_a_missed_target_reports_FAILED()
    {
        var options = Options(RestoreValidationResult.Pass("fine"));
        options.Targets.Add(new RecoveryTarget(ResourceScope.Type("DynamoDB")) { MaxRestoreDuration = TimeSpan.FromMinutes(20) });
        var handler = new RestoreTestingValidationHandler(_client, options, timeProvider: _clock);

        var result = await handler.ValidateJobAsync("TESTED");

        Assert.Equal("FAILED", result.ValidationStatus);
        Assert.Contains("RestoreDuration target of type DynamoDB missed", result.Message, StringComparison.Ordinal);
        await _client.Received(1).PutRestoreValidationResultAsync(Arg.Is<PutRestoreValidationResultInput>(i => i.ValidationStatus == RestoreValidationStatus.FAILED), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Nothing_is_put_once_the_validation_window_has_ended()
    {
        _clock.SetUtcNow(Completed.AddHours(2));
        var result = await Handler(RestoreValidationResult.Pass("fine")).ValidateJobAsync("TESTED");

        Assert.False(result.Reported);
        Assert.Contains("validation window ended", result.Message, StringComparison.Ordinal);
        await _client.DidNotReceive().PutRestoreValidationResultAsync(Arg.Any<PutRestoreValidationResultInput>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_EventBridge_event_of_a_completed_restore_test_is_validated_and_others_are_ignored()
    {
        var handler = Handler(RestoreValidationResult.Fail("3 rows missing"));
        string Event(string status) => $$$"""{"source":"aws.backup","detail-type":"Restore Job State Change","detail":{"restoreJobId":"TESTED","status":"{{{status}}}","restoreTestingPlanArn":"{{{PlanArn}}}"}}""";

        Assert.Null(await handler.HandleEventAsync(Event("RUNNING")));
        var result = await handler.HandleEventAsync(Event("COMPLETED"));

        Assert.Equal("FAILED", result!.ValidationStatus);
        Assert.Contains("3 rows missing", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRestoreTestingValidation_registers_the_handler_and_the_hosted_service()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_client);
        services.AddRestoreTestingValidation(o => o.Validators.Add(RestoreValidatorRegistration.Create("v", ResourceScope.All, (_, _) => ValueTask.FromResult(RestoreValidationResult.Pass("ok")))));
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<RestoreTestingValidationHandler>());
        Assert.IsType<RestoreTestingValidationService>(Assert.Single(provider.GetServices<IHostedService>()));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddRestoreTestingValidation(o => o.ScanInterval = TimeSpan.Zero));
    }

    private RestoreTestingValidationHandler Handler(RestoreValidationResult result) =>
        new(_client, Options(result), timeProvider: _clock);

    private static RestoreTestingValidationOptions Options(RestoreValidationResult result)
    {
        var options = new RestoreTestingValidationOptions();
        options.Validators.Add(RestoreValidatorRegistration.Create("rows", ResourceScope.Type("DynamoDB"), (context, _) =>
        {
            Assert.Equal("orders-restore-test", context.Metadata["targetTableName"]);
            return ValueTask.FromResult(result);
        }));
        return options;
    }

    private static DescribeRestoreJobOutput Job(string id) => new()
    {
        RestoreJobId = id,
        Status = RestoreJobStatus.COMPLETED,
        ResourceType = "DynamoDB",
        SourceResourceArn = "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
        CreatedResourceArn = "arn:aws:dynamodb:us-east-1:111122223333:table/orders-restore-test",
        RecoveryPointArn = "arn:aws:backup:us-east-1:111122223333:recovery-point:rp-1",
        RecoveryPointCreationDate = Completed.AddHours(-6),
        CreationDate = Completed.AddMinutes(-25),
        CompletionDate = Completed,
        CreatedBy = new RestoreJobCreator { RestoreTestingPlanArn = PlanArn },
    };
}
