using System.Text;
using System.Text.Json;
using BackupKit.Wire;
using BackupKit.Local.Protocol;
using BackupKit.Wire.Protocol;

namespace BackupKit.Tests.Wire;

/// <summary>The generated restJson1 bindings, measured against the model's HTTP traits.</summary>
public sealed class WireBindingTests
{
    private static RequestWriter Write<TIn, TOut>(OperationBinding<TIn, TOut> op, TIn input)
        where TIn : class
        where TOut : class
    {
        var writer = new RequestWriter(op.HttpMethod);
        op.WriteRequest(input, writer);
        return writer;
    }

    private static JsonElement Body(RequestWriter writer) => JsonDocument.Parse(writer.Body).RootElement;

    private static ServerRequest AsServerRequest(OperationBinding op, RequestWriter writer, Dictionary<string, string> labels)
    {
        var query = writer.Query.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Value).ToList());
        return new ServerRequest(labels, name => query.TryGetValue(name, out var values) ? values : null, writer.Body);
    }

    [Fact]
    public void CreateBackupPlan_is_a_PUT_with_the_plan_in_the_body_and_a_generated_creator_request_id()
    {
        var input = new CreateBackupPlanInput
        {
            BackupPlan = new BackupPlanInput
            {
                BackupPlanName = "prod",
                Rules =
                [
                    new BackupRuleInput
                    {
                        RuleName = "daily",
                        TargetBackupVaultName = "primary",
                        ScheduleExpression = "cron(0 5 ? * * *)",
                        StartWindowMinutes = 60,
                        Lifecycle = new Lifecycle { MoveToColdStorageAfterDays = 30, DeleteAfterDays = 120 },
                        CopyActions = [new CopyAction { DestinationBackupVaultArn = "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr" }],
                    },
                ],
            },
            BackupPlanTags = new Dictionary<string, string> { ["team"] = "platform" },
        };

        var writer = Write(BackupOperations.CreateBackupPlan, input);

        Assert.Equal("PUT", writer.HttpMethod);
        Assert.Equal("/backup/plans/", writer.Path);
        Assert.Empty(writer.Query);
        var body = Body(writer);
        var rule = body.GetProperty("BackupPlan").GetProperty("Rules")[0];
        Assert.Equal("daily", rule.GetProperty("RuleName").GetString());
        Assert.Equal(60, rule.GetProperty("StartWindowMinutes").GetInt64());
        Assert.Equal(120, rule.GetProperty("Lifecycle").GetProperty("DeleteAfterDays").GetInt64());
        Assert.False(rule.TryGetProperty("CompletionWindowMinutes", out _), "unset members are not sent");
        Assert.Equal("platform", body.GetProperty("BackupPlanTags").GetProperty("team").GetString());

        var token = body.GetProperty("CreatorRequestId").GetString();
        Assert.True(Guid.TryParse(token, out _), "an empty idempotency token is filled with a UUID");
        Assert.Equal(token, writer.IdempotencyToken);
        Assert.Null(input.CreatorRequestId);
    }

    [Fact]
    public void A_caller_given_idempotency_token_is_sent_unchanged()
    {
        var writer = Write(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "v", ResourceArn = "arn:aws:ec2:us-east-1:123456789012:volume/vol-1", IamRoleArn = "arn:aws:iam::123456789012:role/r", IdempotencyToken = "my-token-1" });

        Assert.Equal("my-token-1", Body(writer).GetProperty("IdempotencyToken").GetString());
        Assert.Equal("my-token-1", writer.IdempotencyToken);
    }

    [Fact]
    public void Arn_path_labels_are_percent_encoded_including_colon_and_slash()
    {
        var writer = Write(BackupOperations.ListTags, new ListTagsInput { ResourceArn = "arn:aws:backup:us-east-1:123456789012:backup-vault:my/vault", MaxResults = 5 });

        Assert.Equal("GET", writer.HttpMethod);
        Assert.Equal("/tags/arn%3Aaws%3Abackup%3Aus-east-1%3A123456789012%3Abackup-vault%3Amy%2Fvault/", writer.Path);
        Assert.Equal([new KeyValuePair<string, string>("maxResults", "5")], writer.Query);
        Assert.False(writer.HasBody);
    }

    [Fact]
    public void Query_timestamps_are_ISO_8601_and_body_timestamps_are_epoch_seconds()
    {
        var after = new DateTimeOffset(2024, 1, 31, 12, 0, 0, TimeSpan.Zero);
        var jobs = Write(BackupOperations.ListBackupJobs, new ListBackupJobsInput { ByCreatedAfter = after, ByCreatedBefore = after.AddMilliseconds(250), ByState = BackupJobState.COMPLETED });
        Assert.Contains(new KeyValuePair<string, string>("createdAfter", "2024-01-31T12:00:00Z"), jobs.Query);
        Assert.Contains(new KeyValuePair<string, string>("createdBefore", "2024-01-31T12:00:00.250Z"), jobs.Query);
        Assert.Contains(new KeyValuePair<string, string>("state", "COMPLETED"), jobs.Query);
        Assert.Equal("createdAfter=2024-01-31T12%3A00%3A00Z&createdBefore=2024-01-31T12%3A00%3A00.250Z&state=COMPLETED", jobs.BuildCanonicalQueryString());

        // The URL's query is ordered by name, as the JS SDK sends it, whatever the model's member order.
        var plans = Write(BackupOperations.ListBackupPlans, new ListBackupPlansInput { NextToken = "t", MaxResults = 5, IncludeDeleted = true });
        Assert.Equal("includeDeleted=true&maxResults=5&nextToken=t", plans.BuildQueryString());

        var hold = Write(BackupOperations.CreateLegalHold, new CreateLegalHoldInput
        {
            Title = "t",
            Description = "d",
            RecoveryPointSelection = new RecoveryPointSelection { DateRange = new DateRange { FromDate = after, ToDate = after.AddMilliseconds(87) } },
        });
        var range = Body(hold).GetProperty("RecoveryPointSelection").GetProperty("DateRange");
        Assert.Equal("1706702400", range.GetProperty("FromDate").GetRawText());
        Assert.Equal("1706702400.087", range.GetProperty("ToDate").GetRawText());
    }

    [Fact]
    public void What_the_client_writes_the_server_binding_reads_back()
    {
        var input = new UpdateBackupPlanInput
        {
            BackupPlanId = "abc-123",
            BackupPlan = new BackupPlanInput
            {
                BackupPlanName = "prod",
                Rules = [new BackupRuleInput { RuleName = "r", TargetBackupVaultName = "v", EnableContinuousBackup = true, RecoveryPointTags = new() { ["k"] = "v" } }],
                AdvancedBackupSettings = [new AdvancedBackupSetting { ResourceType = "EC2", BackupOptions = new() { ["WindowsVSS"] = "enabled" } }],
            },
        };
        var writer = Write(BackupOperations.UpdateBackupPlan, input);
        Assert.Equal("/backup/plans/abc-123", writer.Path);

        var read = ServerOperations.UpdateBackupPlan.ReadInput(AsServerRequest(BackupOperations.UpdateBackupPlan, writer, new() { ["backupPlanId"] = "abc-123" }));

        Assert.Equal("abc-123", read.BackupPlanId);
        Assert.Equal("prod", read.BackupPlan!.BackupPlanName);
        Assert.True(read.BackupPlan.Rules![0].EnableContinuousBackup);
        Assert.Equal("v", read.BackupPlan.Rules[0].RecoveryPointTags!["k"]);
        Assert.Equal("enabled", read.BackupPlan.AdvancedBackupSettings![0].BackupOptions!["WindowsVSS"]);

        var jobs = Write(BackupOperations.ListBackupJobs, new ListBackupJobsInput { ByCreatedAfter = DateTimeOffset.FromUnixTimeSeconds(1706702400), MaxResults = 10 });
        var readJobs = ServerOperations.ListBackupJobs.ReadInput(AsServerRequest(BackupOperations.ListBackupJobs, jobs, []));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1706702400), readJobs.ByCreatedAfter);
        Assert.Equal(10, readJobs.MaxResults);
    }

    [Fact]
    public void Outputs_read_epoch_seconds_with_fractions_and_keep_unknown_enum_values()
    {
        var json = """{"BackupVaultName":"v","CreationDate":1516925490.087,"VaultType":"SOMETHING_NEW","Locked":true,"MinRetentionDays":7,"Unknown":{"a":[1,2]}}"""u8;
        var reader = new Utf8JsonReader(json);

        var output = BackupOperations.DescribeBackupVault.ReadOutput(ref reader);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1516925490087), output.CreationDate);
        Assert.Equal("SOMETHING_NEW", output.VaultType!.Value.Value);
        Assert.False(output.VaultType.Value.IsKnown);
        Assert.True(output.Locked);
        Assert.Equal(7, output.MinRetentionDays);
    }

    [Fact]
    public void Model_constraints_name_the_member_and_the_rule()
    {
        var errors = new ModelValidationErrors();
        ServerOperations.CreateBackupPlan.Validate(new CreateBackupPlanInput(), errors);
        Assert.Contains(errors.Errors, e => e is { Kind: ModelValidationErrorKind.Missing, Path: "BackupPlan" });

        errors = new ModelValidationErrors();
        ServerOperations.CreateBackupVault.Validate(new CreateBackupVaultInput { BackupVaultName = "bad name!" }, errors);
        var error = Assert.Single(errors.Errors);
        Assert.Equal(ModelValidationErrorKind.Invalid, error.Kind);
        Assert.Equal("BackupVaultName", error.Path);
        Assert.Contains("bad name!", error.Message);

        errors = new ModelValidationErrors();
        ServerOperations.ListBackupPlans.Validate(new ListBackupPlansInput { MaxResults = 0 }, errors);
        Assert.Contains("between 1 and 1000", Assert.Single(errors.Errors).Message);

        errors = new ModelValidationErrors();
        ServerOperations.PutBackupVaultNotifications.Validate(new PutBackupVaultNotificationsInput { BackupVaultName = "vault", SNSTopicArn = "arn:aws:sns:us-east-1:123456789012:t", BackupVaultEvents = [BackupVaultEvent.BACKUP_JOB_COMPLETED, "NOT_AN_EVENT"] }, errors);
        Assert.Equal("BackupVaultEvents[1]", Assert.Single(errors.Errors).Path);
    }

    [Theory]
    [InlineData("vault\n")]
    [InlineData("vault\r\n")]
    public void Model_patterns_do_not_accept_a_trailing_newline(string name)
    {
        var errors = new ModelValidationErrors();
        ServerOperations.CreateBackupVault.Validate(new CreateBackupVaultInput { BackupVaultName = name }, errors);

        Assert.Equal("BackupVaultName", Assert.Single(errors.Errors).Path);
    }

    [Theory]
    [InlineData("vault\n")]
    [InlineData("plan.rule\n")]
    public void Name_rules_do_not_accept_a_trailing_newline(string name)
    {
        Assert.NotEmpty(BackupKit.Rules.NameRules.CheckVaultName(name));
        Assert.NotEmpty(BackupKit.Rules.NameRules.CheckRuleName(name));
        Assert.NotEmpty(BackupKit.Rules.NameRules.CheckRestoreTestingPlanName(name));
    }

    [Fact]
    public void Modelled_errors_become_typed_exceptions_with_their_members()
    {
        var body = Encoding.UTF8.GetBytes("""{"Code":"AlreadyExistsException","Message":"exists","Arn":"arn:aws:backup:us-east-1:123456789012:backup-vault:v","CreatorRequestId":"c1","Type":"User"}""");

        var error = BackupErrors.Create("AlreadyExistsException", "exists", 400, "req-1", body);

        var typed = Assert.IsType<AlreadyExistsException>(error);
        Assert.Equal("arn:aws:backup:us-east-1:123456789012:backup-vault:v", typed.Arn);
        Assert.Equal("c1", typed.CreatorRequestId);
        Assert.Equal(("AlreadyExistsException", 400, "req-1", "exists"), (typed.ErrorCode, typed.StatusCode, typed.RequestId, typed.Message));
        Assert.IsType<BackupServiceException>(BackupErrors.Create("SomethingElse", null, 400, null, default));
        Assert.True(BackupErrors.IsServerFault("ServiceUnavailableException"));
        Assert.False(BackupErrors.IsServerFault("ResourceNotFoundException"));
    }

    [Fact]
    public void Labels_are_required_and_say_which_member_is_missing()
    {
        var error = Assert.Throws<ArgumentException>(() => Write(BackupOperations.GetBackupPlan, new GetBackupPlanInput()));
        Assert.Contains("BackupPlanId", error.Message);
    }
}
