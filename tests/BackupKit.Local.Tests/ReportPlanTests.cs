using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class ReportPlanTests : EmulatorTest
{
    private static CreateReportPlanInput JobReport(string name = "daily_jobs") => new()
    {
        ReportPlanName = name,
        ReportDeliveryChannel = new ReportDeliveryChannel { S3BucketName = "audit-reports", S3KeyPrefix = "backup", Formats = ["CSV", "JSON"] },
        ReportSetting = new ReportSetting { ReportTemplate = "BACKUP_JOB_REPORT" },
    };

    private static CreateReportPlanInput WithToken(CreateReportPlanInput input, string token)
    {
        input.IdempotencyToken = token;
        return input;
    }

    [Fact]
    public async Task Report_job_runs_in_emulated_time_and_names_its_S3_objects()
    {
        var plan = await CallAsync(BackupOperations.CreateReportPlan, WithToken(JobReport(), "t1"));
        var again = await CallAsync(BackupOperations.CreateReportPlan, WithToken(JobReport(), "t1"));
        var duplicate = await ErrorAsync(BackupOperations.CreateReportPlan, JobReport());
        var described = (await CallAsync(BackupOperations.DescribeReportPlan, new DescribeReportPlanInput { ReportPlanName = "daily_jobs" })).ReportPlan!;

        Assert.StartsWith("arn:aws:backup:us-east-1:000000000000:report-plan:daily_jobs-", plan.ReportPlanArn);
        Assert.Equal(plan.ReportPlanArn, again.ReportPlanArn);
        Assert.Equal("AlreadyExistsException", duplicate.ErrorType);
        Assert.Equal("CREATE_IN_PROGRESS", described.DeploymentStatus);

        Clock.Advance(TimeSpan.FromMinutes(2));
        var job = await CallAsync(BackupOperations.StartReportJob, new StartReportJobInput { ReportPlanName = "daily_jobs", IdempotencyToken = "run-1" });
        var sameJob = await CallAsync(BackupOperations.StartReportJob, new StartReportJobInput { ReportPlanName = "daily_jobs", IdempotencyToken = "run-1" });
        var created = (await CallAsync(BackupOperations.DescribeReportJob, new DescribeReportJobInput { ReportJobId = job.ReportJobId })).ReportJob!;
        Clock.Advance(TimeSpan.FromMinutes(2));
        var running = await CallAsync(BackupOperations.ListReportJobs, new ListReportJobsInput { ByStatus = "RUNNING" });
        Clock.Advance(TimeSpan.FromMinutes(4));
        var completed = (await CallAsync(BackupOperations.DescribeReportJob, new DescribeReportJobInput { ReportJobId = job.ReportJobId })).ReportJob!;
        var afterRun = (await CallAsync(BackupOperations.DescribeReportPlan, new DescribeReportPlanInput { ReportPlanName = "daily_jobs" })).ReportPlan!;

        Assert.Equal(job.ReportJobId, sameJob.ReportJobId);
        Assert.Equal("CREATED", created.Status);
        Assert.Null(created.ReportDestination);
        Assert.Equal([job.ReportJobId], running.ReportJobs!.Select(j => j.ReportJobId));
        Assert.Equal("COMPLETED", completed.Status);
        Assert.Equal("BACKUP_JOB_REPORT", completed.ReportTemplate);
        Assert.Equal(created.CreationTime!.Value.AddMinutes(5), completed.CompletionTime);
        Assert.Equal("audit-reports", completed.ReportDestination!.S3BucketName);
        Assert.Equal(2, completed.ReportDestination.S3Keys!.Count);
        Assert.All(completed.ReportDestination.S3Keys, key => Assert.StartsWith("backup/Backup/000000000000/us-east-1/2026/03/02/BACKUP_JOB_REPORT/", key));
        Assert.Equal("COMPLETED", afterRun.DeploymentStatus);
        Assert.Equal(created.CreationTime, afterRun.LastAttemptedExecutionTime);
        Assert.Equal(completed.CompletionTime, afterRun.LastSuccessfulExecutionTime);
    }

    [Fact]
    public async Task Compliance_reports_need_existing_frameworks_and_job_reports_take_none()
    {
        var framework = await CallAsync(BackupOperations.CreateFramework, new CreateFrameworkInput { FrameworkName = "baseline", FrameworkControls = [AuditFrameworkTests.Control("BACKUP_RECOVERY_POINT_ENCRYPTED")] });
        var noFrameworks = JobReport("compliance");
        noFrameworks.ReportSetting = new ReportSetting { ReportTemplate = "CONTROL_COMPLIANCE_REPORT" };
        var unknownFramework = JobReport("compliance");
        unknownFramework.ReportSetting = new ReportSetting { ReportTemplate = "CONTROL_COMPLIANCE_REPORT", FrameworkArns = ["arn:aws:backup:us-east-1:000000000000:framework:nope-1"] };
        var jobWithFrameworks = JobReport("jobs");
        jobWithFrameworks.ReportSetting = new ReportSetting { ReportTemplate = "RESTORE_JOB_REPORT", FrameworkArns = [framework.FrameworkArn!] };
        var badTemplate = JobReport("bad");
        badTemplate.ReportSetting = new ReportSetting { ReportTemplate = "EVERYTHING_REPORT" };
        var badFormat = JobReport("bad");
        badFormat.ReportDeliveryChannel!.Formats = ["XML"];
        var good = JobReport("compliance");
        good.ReportSetting = new ReportSetting { ReportTemplate = "RESOURCE_COMPLIANCE_REPORT", FrameworkArns = [framework.FrameworkArn!], Regions = ["us-east-1"] };
        good.ReportDeliveryChannel!.Formats = null;

        foreach (var refused in new[] { noFrameworks, unknownFramework, jobWithFrameworks, badTemplate, badFormat })
        {
            Assert.Equal("InvalidParameterValueException", (await ErrorAsync(BackupOperations.CreateReportPlan, refused)).ErrorType);
        }

        await CallAsync(BackupOperations.CreateReportPlan, good);
        var plan = (await CallAsync(BackupOperations.DescribeReportPlan, new DescribeReportPlanInput { ReportPlanName = "compliance" })).ReportPlan!;
        Assert.Equal(1, plan.ReportSetting!.NumberOfFrameworks);
        Assert.Equal(["CSV"], plan.ReportDeliveryChannel!.Formats!);
    }

    [Fact]
    public async Task Report_plans_are_updated_listed_deleted_and_limited_to_20()
    {
        await CallAsync(BackupOperations.CreateReportPlan, JobReport());
        var tooEarly = await ErrorAsync(BackupOperations.UpdateReportPlan, new UpdateReportPlanInput { ReportPlanName = "daily_jobs", ReportPlanDescription = "x" });
        Clock.Advance(TimeSpan.FromMinutes(2));
        var otherTemplate = await ErrorAsync(BackupOperations.UpdateReportPlan, new UpdateReportPlanInput { ReportPlanName = "daily_jobs", ReportSetting = new ReportSetting { ReportTemplate = "COPY_JOB_REPORT" } });
        await CallAsync(BackupOperations.UpdateReportPlan, new UpdateReportPlanInput { ReportPlanName = "daily_jobs", ReportPlanDescription = "Jobs of the day" });
        for (var i = 1; i < 20; i++)
        {
            await CallAsync(BackupOperations.CreateReportPlan, JobReport($"plan{i}"));
        }

        var tooMany = await ErrorAsync(BackupOperations.CreateReportPlan, JobReport("plan20"));
        var listed = await CallAsync(BackupOperations.ListReportPlans, new ListReportPlansInput { MaxResults = 5 });
        Clock.Advance(TimeSpan.FromMinutes(2));
        await CallAsync(BackupOperations.DeleteReportPlan, new DeleteReportPlanInput { ReportPlanName = "daily_jobs" });
        var gone = await ErrorAsync(BackupOperations.StartReportJob, new StartReportJobInput { ReportPlanName = "daily_jobs" });

        Assert.Equal("ConflictException", tooEarly.ErrorType);
        Assert.Equal("InvalidParameterValueException", otherTemplate.ErrorType);
        Assert.Equal("LimitExceededException", tooMany.ErrorType);
        Assert.Equal("Jobs of the day", listed.ReportPlans![0].ReportPlanDescription);
        Assert.Equal(5, listed.ReportPlans.Count);
        Assert.NotNull(listed.NextToken);
        Assert.Equal("ResourceNotFoundException", gone.ErrorType);
    }
}
