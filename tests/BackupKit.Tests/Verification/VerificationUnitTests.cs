using System.Xml.Linq;
using BackupKit.Verification;
using BackupKit.Verification.History;
using BackupKit.Verification.Reporting;
using BackupKit.Verification.RestoreTesting;
using BackupKit.Wire;
using NSubstitute;

namespace BackupKit.Tests.Verification;

/// <summary>The pure parts of verification: options, naming, patterns, reports, history, events.</summary>
public sealed class VerificationUnitTests
{
    [Fact]
    public void Options_validation_lists_every_problem_with_its_fix()
    {
        var options = new RestoreDrillOptions { IamRoleArn = "not-a-role", MaxConcurrency = 0, ValidatorTimeout = TimeSpan.Zero };
        options.MaxConcurrencyByType["DynamoDB"] = 41;
        options.Polling.InitialInterval = TimeSpan.Zero;

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Source is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resources is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("'not-a-role' is not an IAM role ARN", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrency must be at least 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("above AWS's limit of 40 concurrent DynamoDB restores", error.Message, StringComparison.Ordinal);
        Assert.Contains("Polling.InitialInterval must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("ValidatorTimeout must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_messages_say_durations_as_a_person_does()
    {
        var options = new RestoreDrillOptions { CleanupTimeout = TimeSpan.FromMinutes(-90), StalenessLimit = TimeSpan.FromDays(-7).Add(TimeSpan.FromHours(-1)) };
        options.Polling.MaxInterval = TimeSpan.FromSeconds(10);
        options.Polling.InitialInterval = TimeSpan.FromSeconds(30);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("CleanupTimeout must be positive (was minus 1 hour 30 minutes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("StalenessLimit must be positive (was minus 7 days 1 hour)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Polling.MaxInterval (10 seconds) must be at least InitialInterval (30 seconds)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("00:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_concurrency_follows_AWS_per_type_limits()
    {
        var options = new RestoreDrillOptions();
        Assert.Equal(40, options.ConcurrencyFor("DynamoDB"));
        Assert.Equal(100, options.ConcurrencyFor("EBS"));
        Assert.Equal(30, options.ConcurrencyFor("S3"));
        options.MaxConcurrencyByType["RDS"] = 5;
        Assert.Equal(5, options.ConcurrencyFor("RDS"));
    }

    [Theory]
    [InlineData("RDS", "Billing_DB--2024", "billing-db-2024-drill-abc123")]
    [InlineData("RDS", "9lives", "r9lives-drill-abc123")]
    [InlineData("DynamoDB", "Orders.v2", "Orders.v2-drill-abc123")]
    [InlineData("S3", "My.Bucket", "my-bucket-drill-abc123")]
    public void Default_target_names_follow_each_type_naming_rules(string type, string source, string expected) =>
        Assert.Equal(expected, RestoreTargets.DefaultName(type, source, "abc123"));

    [Fact]
    public void Long_RDS_names_are_cut_to_63_characters_without_a_trailing_hyphen()
    {
        var name = RestoreTargets.DefaultName("RDS", new string('a', 55) + "-b" + new string('c', 20), "abc123");
        Assert.Equal(63, name.Length);
        Assert.DoesNotContain("--", name, StringComparison.Ordinal);
        Assert.EndsWith("-drill-abc123", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:backup:*:*:backup-vault:scratch-*", "arn:aws:backup:us-east-1:111122223333:backup-vault:scratch-1", true)]
    [InlineData("arn:aws:backup:*:*:backup-vault:scratch-*", "arn:aws:backup:us-east-1:111122223333:backup-vault:prod", false)]
    [InlineData("*", "anything", true)]
    public void Vault_patterns_match_with_wildcards(string pattern, string value, bool expected) =>
        Assert.Equal(expected, Wildcard.IsMatch(pattern, value));

    [Fact]
    public void Scopes_match_by_type_tag_and_arn()
    {
        var tags = new Dictionary<string, string> { ["tier"] = "gold" };
        Assert.True(ResourceScope.Type("dynamodb").Matches("arn", "DynamoDB", tags));
        Assert.True(ResourceScope.Tag("tier", "gold").Matches("arn", "RDS", tags));
        Assert.False(ResourceScope.Tag("tier", "silver").Matches("arn", "RDS", tags));
        Assert.True(ResourceScope.Arn("arn").Matches("arn", "RDS", tags));
    }

    [Fact]
    public async Task The_file_history_store_round_trips_entries_and_skips_a_line_cut_short()
    {
        var path = Path.Combine(Path.GetTempPath(), "backupkit-tests", Guid.NewGuid().ToString("N"), "history.jsonl");
        var store = new FileRestoreHistoryStore(path);
        var at = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        RestoreHistoryEntry Entry(string arn, bool passed) => new()
        {
            RunId = "run-1", DrillName = "nightly", ResourceArn = arn, ResourceType = "DynamoDB", VerifiedAt = at, Passed = passed,
            RestoreDuration = TimeSpan.FromMinutes(21), RecoveryTime = TimeSpan.FromMinutes(22), RecoveryPointCreatedAt = at.AddHours(-3),
        };

        await store.AppendAsync([Entry("a", true), Entry("b", false)]);
        await File.AppendAllTextAsync(path, "{\"runId\":\"run-2\",\"dri");
        await store.AppendAsync([Entry("a", false)]);

        var all = await store.ReadAsync().ToListAsync();
        Assert.Equal(3, all.Count);
        var first = all[0];
        Assert.Equal(Entry("a", true), first);
        Assert.Equal(2, await store.ReadAsync("a").CountAsync());
    }

    [Fact]
    public void The_JUnit_report_has_one_test_case_per_resource_and_fails_the_failed_ones()
    {
        var report = SampleReport();

        var xml = XDocument.Parse(RestoreDrillReportWriter.ToJUnitXml(report));

        var suite = Assert.Single(xml.Root!.Elements("testsuite"));
        Assert.Equal("2", suite.Attribute("tests")!.Value);
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(2, cases.Count);
        Assert.Null(cases[0].Element("failure"));
        Assert.Equal("validator content failed: checksum differs", cases[1].Element("failure")!.Attribute("message")!.Value);
    }

    [Fact]
    public void The_markdown_report_leads_with_the_verdict_and_lists_failures()
    {
        var markdown = RestoreDrillReportWriter.ToMarkdown(SampleReport());
        Assert.StartsWith("# Restore drill nightly: FAILED", markdown, StringComparison.Ordinal);
        Assert.Contains("**1 of 2 resources passed**", markdown, StringComparison.Ordinal);
        Assert.Contains("- validator content failed: checksum differs", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_job_state_change_events_are_read_and_other_events_refused()
    {
        const string json = """
            {"version":"0","id":"1","detail-type":"Restore Job State Change","source":"aws.backup","account":"111122223333",
             "region":"us-east-1","detail":{"restoreJobId":"ABC","status":"COMPLETED","restoreTestingPlanArn":"arn:aws:backup:us-east-1:111122223333:restore-testing-plan:weekly-1","resourceType":"DynamoDB"}}
            """;
        var change = RestoreJobStateChangeEvent.Parse(json);
        Assert.Equal(new RestoreJobStateChangeEvent("ABC", "COMPLETED", "arn:aws:backup:us-east-1:111122223333:restore-testing-plan:weekly-1"), change);

        var error = Assert.Throws<FormatException>(() => RestoreJobStateChangeEvent.Parse("""{"source":"aws.backup","detail-type":"Backup Job State Change","detail":{}}"""));
        Assert.Contains("Restore Job State Change", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_job_operation_polls_with_backoff_until_the_job_ends()
    {
        var client = Substitute.For<IBackupClient>();
        client.StartRestoreJobAsync(Arg.Any<StartRestoreJobInput>(), Arg.Any<CancellationToken>()).Returns(new StartRestoreJobOutput { RestoreJobId = "J" });
        client.DescribeRestoreJobAsync(Arg.Any<DescribeRestoreJobInput>(), Arg.Any<CancellationToken>()).Returns(
            new DescribeRestoreJobOutput { Status = RestoreJobStatus.PENDING },
            new DescribeRestoreJobOutput { Status = RestoreJobStatus.RUNNING },
            new DescribeRestoreJobOutput { Status = RestoreJobStatus.RUNNING },
            new DescribeRestoreJobOutput { Status = RestoreJobStatus.FAILED, StatusMessage = "no subnet" });
        var pauses = new List<TimeSpan>();
        var polling = new RestoreJobPolling { InitialInterval = TimeSpan.FromSeconds(30), MaxInterval = TimeSpan.FromSeconds(90), Delay = (p, _) => { pauses.Add(p.Duration); return Task.CompletedTask; } };

        var operation = await RestoreJobOperation.StartAsync(client, new StartRestoreJobInput { IdempotencyToken = "t" }, polling);
        var outcome = await operation.WaitForCompletionAsync();

        Assert.False(outcome.Succeeded);
        Assert.Equal("no subnet", outcome.Job.StatusMessage);
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90)], pauses);
    }

    [Fact]
    public async Task A_restore_job_operation_gives_up_at_its_deadline_and_says_the_job_goes_on()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var client = Substitute.For<IBackupClient>();
        client.DescribeRestoreJobAsync(Arg.Any<DescribeRestoreJobInput>(), Arg.Any<CancellationToken>()).Returns(new DescribeRestoreJobOutput { Status = RestoreJobStatus.RUNNING });
        var polling = new RestoreJobPolling { Deadline = TimeSpan.FromMinutes(10), Delay = (p, _) => { clock.SetUtcNow(p.Until); return Task.CompletedTask; } };

        var error = await Assert.ThrowsAsync<TimeoutException>(() => RestoreJobOperation.Resume(client, "J", polling, clock).WaitForCompletionAsync());

        Assert.Contains("The job goes on in AWS Backup", error.Message, StringComparison.Ordinal);
    }

    private static RestoreDrillReport SampleReport()
    {
        var passed = new ResourceVerification("arn:aws:dynamodb:us-east-1:111122223333:table/a", "DynamoDB", new Dictionary<string, string>())
        {
            Outcome = ResourceOutcome.Passed,
            RestoreCreatedAt = DateTimeOffset.UnixEpoch,
            RestoreCompletedAt = DateTimeOffset.UnixEpoch.AddMinutes(21),
        };
        var failed = new ResourceVerification("arn:aws:rds:us-east-1:111122223333:db:b", "RDS", new Dictionary<string, string>())
        {
            Outcome = ResourceOutcome.Failed,
        };
        failed.Failures.Add("validator content failed: checksum differs");
        var report = new RestoreDrillReport("nightly", "run", "primary", "latest", DateTimeOffset.UnixEpoch, [passed, failed]) { CompletedAt = DateTimeOffset.UnixEpoch.AddHours(1) };
        return report;
    }
}
