using System.Globalization;
using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// AWS Backup Audit Manager report plans and report jobs: create (idempotent by IdempotencyToken), describe, list,
/// update, delete; StartReportJob runs a report that is CREATED, RUNNING after <see cref="StartDelay"/> and COMPLETED
/// after <see cref="RunTime"/> of emulated time, with the S3 keys it was written to.
/// </summary>
internal static class ReportPlanOperations
{
    /// <summary>Report plans per account (AWS quota).</summary>
    public const int MaxReportPlans = 20;

    /// <summary>Frameworks per report plan (AWS quota).</summary>
    public const int MaxFrameworksPerPlan = 1000;

    public static readonly TimeSpan DeploymentTime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan StartDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan RunTime = TimeSpan.FromMinutes(5);

    private static readonly string[] ComplianceTemplates = ["RESOURCE_COMPLIANCE_REPORT", "CONTROL_COMPLIANCE_REPORT"];
    private static readonly string[] JobTemplates = ["BACKUP_JOB_REPORT", "COPY_JOB_REPORT", "RESTORE_JOB_REPORT", "SCAN_JOB_REPORT"];
    private static readonly string[] Formats = ["CSV", "JSON"];
    private static readonly string[] JobStatuses = ["CREATED", "RUNNING", "COMPLETED", "FAILED"];

    public static CreateReportPlanOutput Create(CallContext call, CreateReportPlanInput input)
    {
        FrameworkOperations.CheckName(input.ReportPlanName!, "ReportPlanName");
        var channel = CheckChannel(input.ReportDeliveryChannel!);
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            foreach (var existing in state.ReportPlans.Values)
            {
                if (input.IdempotencyToken is { } token && existing.IdempotencyToken == token)
                {
                    return new CreateReportPlanOutput { ReportPlanName = existing.Name, ReportPlanArn = existing.Arn, CreationTime = existing.CreationTime };
                }
            }

            if (state.ReportPlans.TryGetValue(input.ReportPlanName!, out var same))
            {
                throw new BackupApiError(ErrorCodes.AlreadyExists, 400, $"A report plan named '{same.Name}' already exists.") { Arn = same.Arn };
            }

            if (state.ReportPlans.Count >= MaxReportPlans)
            {
                throw BackupApiError.LimitExceeded($"This account already has {MaxReportPlans} report plans, the most AWS Backup allows by default.");
            }

            var setting = CheckSetting(state, input.ReportSetting!);
            var plan = new ReportPlanRecord
            {
                Name = input.ReportPlanName!,
                Arn = $"arn:aws:backup:{state.Region}:{state.AccountId}:report-plan:{input.ReportPlanName}-{state.NewGuid():D}",
                Sequence = state.NextSequence(),
                CreationTime = now,
                IdempotencyToken = input.IdempotencyToken,
                Description = input.ReportPlanDescription,
                Setting = setting,
                DeliveryChannel = channel,
                Deploying = "CREATE_IN_PROGRESS",
                DeployedAt = now + DeploymentTime,
            };
            if (input.ReportPlanTags is { } tags)
            {
                TagOperations.Merge(plan.Tags, tags);
            }

            state.ReportPlans.Add(plan.Name, plan);
            return new CreateReportPlanOutput { ReportPlanName = plan.Name, ReportPlanArn = plan.Arn, CreationTime = plan.CreationTime };
        }
    }

    public static DescribeReportPlanOutput Describe(CallContext call, DescribeReportPlanInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var plan = Find(state, input.ReportPlanName!);
            return new DescribeReportPlanOutput { ReportPlan = ToShape(plan, call.Now) };
        }
    }

    public static ListReportPlansOutput List(CallContext call, ListReportPlansInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var plans = new List<ReportPlanRecord>(state.ReportPlans.Values);
            var members = Paging.List(plans, static p => p.Sequence, input.NextToken, input.MaxResults, out var next, p => ToShape(p, call.Now));
            return new ListReportPlansOutput { ReportPlans = members, NextToken = next };
        }
    }

    public static UpdateReportPlanOutput Update(CallContext call, UpdateReportPlanInput input)
    {
        var channel = input.ReportDeliveryChannel is { } changed ? CheckChannel(changed) : null;
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            var plan = Find(state, input.ReportPlanName!);
            if (input.IdempotencyToken is { } token && plan.IdempotencyToken == token)
            {
                return new UpdateReportPlanOutput { ReportPlanName = plan.Name, ReportPlanArn = plan.Arn, CreationTime = plan.CreationTime };
            }

            if (now < plan.DeployedAt)
            {
                throw FrameworkOperations.Conflict($"Report plan '{plan.Name}' is still deploying ({plan.Deploying}); retry once its DeploymentStatus is COMPLETED.");
            }

            if (input.ReportSetting is { } setting)
            {
                if (setting.ReportTemplate != plan.Setting.ReportTemplate)
                {
                    throw BackupApiError.InvalidParameter($"The report template of report plan '{plan.Name}' is {plan.Setting.ReportTemplate} and cannot be changed; create another report plan.");
                }

                plan.Setting = CheckSetting(state, setting);
            }

            plan.DeliveryChannel = channel ?? plan.DeliveryChannel;
            plan.Description = input.ReportPlanDescription ?? plan.Description;
            plan.IdempotencyToken = input.IdempotencyToken ?? plan.IdempotencyToken;
            plan.Deploying = "UPDATE_IN_PROGRESS";
            plan.DeployedAt = now + DeploymentTime;
            return new UpdateReportPlanOutput { ReportPlanName = plan.Name, ReportPlanArn = plan.Arn, CreationTime = plan.CreationTime };
        }
    }

    public static EmptyOutput Delete(CallContext call, DeleteReportPlanInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var plan = Find(state, input.ReportPlanName!);
            if (call.Now < plan.DeployedAt)
            {
                throw FrameworkOperations.Conflict($"Report plan '{plan.Name}' is still deploying ({plan.Deploying}); retry once its DeploymentStatus is COMPLETED.");
            }

            state.ReportPlans.Remove(plan.Name);
            return EmptyOutput.Instance;
        }
    }

    public static StartReportJobOutput StartJob(CallContext call, StartReportJobInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            var plan = Find(state, input.ReportPlanName!);
            if (input.IdempotencyToken is { } token)
            {
                foreach (var existing in state.ReportJobs.Values)
                {
                    if (existing.IdempotencyToken == token && existing.ReportPlanName == plan.Name)
                    {
                        return new StartReportJobOutput { ReportJobId = existing.Id };
                    }
                }
            }

            var id = state.NewGuid().ToString("D");
            var prefix = string.IsNullOrEmpty(plan.DeliveryChannel.S3KeyPrefix) ? string.Empty : plan.DeliveryChannel.S3KeyPrefix.TrimEnd('/') + "/";
            var day = now.UtcDateTime.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
            var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var keys = new List<string>();
            foreach (var format in plan.DeliveryChannel.Formats!)
            {
                keys.Add($"{prefix}Backup/{state.AccountId}/{state.Region}/{day}/{plan.Setting.ReportTemplate}/{plan.Name}_{stamp}_{id}.{format.ToLowerInvariant()}");
            }

            var job = new ReportJobRecord
            {
                Id = id,
                Sequence = state.NextSequence(),
                ReportPlanName = plan.Name,
                ReportPlanArn = plan.Arn,
                ReportTemplate = plan.Setting.ReportTemplate!,
                CreationTime = now,
                IdempotencyToken = input.IdempotencyToken,
                S3BucketName = plan.DeliveryChannel.S3BucketName!,
                S3Keys = keys,
            };
            state.ReportJobs.Add(id, job);
            plan.LastAttemptedExecutionTime = now;
            return new StartReportJobOutput { ReportJobId = id };
        }
    }

    public static DescribeReportJobOutput DescribeJob(CallContext call, DescribeReportJobInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            Advance(state, now);
            return state.ReportJobs.TryGetValue(input.ReportJobId!, out var job)
                ? new DescribeReportJobOutput { ReportJob = ToShape(job, now) }
                : throw BackupApiError.NotFound($"Report job '{input.ReportJobId}' does not exist in account {state.AccountId}, region {state.Region}.");
        }
    }

    public static ListReportJobsOutput ListJobs(CallContext call, ListReportJobsInput input)
    {
        if (input.ByStatus is { } status && !JobStatuses.Contains(status))
        {
            throw BackupApiError.InvalidParameter($"ByStatus '{status}' is not a report job status; use one of {string.Join(", ", JobStatuses)}.");
        }

        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            Advance(state, now);
            if (input.ByReportPlanName is { } planName)
            {
                Find(state, planName);
            }

            var jobs = new List<ReportJobRecord>();
            foreach (var job in state.ReportJobs.Values)
            {
                if ((input.ByReportPlanName is null || job.ReportPlanName == input.ByReportPlanName)
                    && (input.ByCreationAfter is not { } after || job.CreationTime >= after)
                    && (input.ByCreationBefore is not { } before || job.CreationTime <= before)
                    && (input.ByStatus is null || StatusOf(job, now) == input.ByStatus))
                {
                    jobs.Add(job);
                }
            }

            var members = Paging.List(jobs, static j => j.Sequence, input.NextToken, input.MaxResults, out var next, j => ToShape(j, now));
            return new ListReportJobsOutput { ReportJobs = members, NextToken = next };
        }
    }

    /// <summary>Records, on each report plan, the reports that completed by <paramref name="now"/>.</summary>
    private static void Advance(RegionState state, DateTimeOffset now)
    {
        foreach (var job in state.ReportJobs.Values)
        {
            var completed = job.CreationTime + RunTime;
            if (completed <= now && state.ReportPlans.TryGetValue(job.ReportPlanName, out var plan)
                && (plan.LastSuccessfulExecutionTime is null || plan.LastSuccessfulExecutionTime < completed))
            {
                plan.LastSuccessfulExecutionTime = completed;
            }
        }
    }

    private static string StatusOf(ReportJobRecord job, DateTimeOffset now) =>
        now >= job.CreationTime + RunTime ? "COMPLETED" : now >= job.CreationTime + StartDelay ? "RUNNING" : "CREATED";

    private static ReportJob ToShape(ReportJobRecord job, DateTimeOffset now)
    {
        var status = StatusOf(job, now);
        return new ReportJob
        {
            ReportJobId = job.Id,
            ReportPlanArn = job.ReportPlanArn,
            ReportTemplate = job.ReportTemplate,
            CreationTime = job.CreationTime,
            CompletionTime = status == "COMPLETED" ? job.CreationTime + RunTime : null,
            Status = status,
            ReportDestination = status == "COMPLETED" ? new ReportDestination { S3BucketName = job.S3BucketName, S3Keys = [.. job.S3Keys] } : null,
        };
    }

    private static ReportPlan ToShape(ReportPlanRecord plan, DateTimeOffset now) => new()
    {
        ReportPlanArn = plan.Arn,
        ReportPlanName = plan.Name,
        ReportPlanDescription = plan.Description,
        ReportSetting = plan.Setting,
        ReportDeliveryChannel = plan.DeliveryChannel,
        DeploymentStatus = plan.DeploymentStatusAt(now),
        CreationTime = plan.CreationTime,
        LastAttemptedExecutionTime = plan.LastAttemptedExecutionTime,
        LastSuccessfulExecutionTime = plan.LastSuccessfulExecutionTime,
    };

    private static ReportPlanRecord Find(RegionState state, string name) =>
        state.ReportPlans.TryGetValue(name, out var plan)
            ? plan
            : throw BackupApiError.NotFound($"Report plan '{name}' does not exist in account {state.AccountId}, region {state.Region}.");

    private static ReportDeliveryChannel CheckChannel(ReportDeliveryChannel channel)
    {
        var bucket = channel.S3BucketName!;
        if (bucket.Length is < 3 or > 63 || !bucket.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            throw BackupApiError.InvalidParameter($"S3BucketName '{bucket}' is not an S3 bucket name (3 to 63 lowercase letters, digits, '-' or '.').");
        }

        var formats = channel.Formats is { Count: > 0 } given ? given : ["CSV"];
        foreach (var format in formats)
        {
            if (!Formats.Contains(format))
            {
                throw BackupApiError.InvalidParameter($"Report format '{format}' is not supported; use CSV, JSON or both.");
            }
        }

        if (formats.Distinct().Count() != formats.Count)
        {
            throw BackupApiError.InvalidParameter("Formats lists a format more than once.");
        }

        return new ReportDeliveryChannel { S3BucketName = bucket, S3KeyPrefix = channel.S3KeyPrefix, Formats = [.. formats] };
    }

    private static ReportSetting CheckSetting(RegionState state, ReportSetting setting)
    {
        var template = setting.ReportTemplate!;
        var compliance = ComplianceTemplates.Contains(template);
        if (!compliance && !JobTemplates.Contains(template))
        {
            throw BackupApiError.InvalidParameter(
                $"ReportTemplate '{template}' is not a report template; use one of {string.Join(", ", ComplianceTemplates.Concat(JobTemplates))}.");
        }

        var frameworks = setting.FrameworkArns ?? [];
        if (compliance)
        {
            if (frameworks.Count == 0)
            {
                throw BackupApiError.InvalidParameter($"A {template} reports on frameworks: FrameworkArns must name at least one.");
            }

            if (frameworks.Count > MaxFrameworksPerPlan)
            {
                throw BackupApiError.InvalidParameter($"A report plan can cover at most {MaxFrameworksPerPlan} frameworks; got {frameworks.Count}.");
            }

            foreach (var arn in frameworks)
            {
                if (!state.Frameworks.Values.Any(f => f.Arn == arn))
                {
                    throw BackupApiError.InvalidParameter($"FrameworkArns names '{arn}', which is not a framework of account {state.AccountId} in {state.Region}.");
                }
            }
        }
        else if (frameworks.Count > 0)
        {
            throw BackupApiError.InvalidParameter($"A {template} reports on jobs, not frameworks: leave FrameworkArns empty.");
        }

        foreach (var region in setting.Regions ?? [])
        {
            if (region != "*" && !AwsRegions.IsKnown(region))
            {
                throw BackupApiError.InvalidParameter($"Regions names '{region}', which is not an AWS Region.");
            }
        }

        foreach (var account in setting.Accounts ?? [])
        {
            if (account != "*" && account != "ROOT" && !AccountResolver.IsAccountId(account))
            {
                throw BackupApiError.InvalidParameter($"Accounts names '{account}', which is not a 12-digit account id.");
            }
        }

        return new ReportSetting
        {
            ReportTemplate = template,
            FrameworkArns = compliance ? [.. frameworks] : null,
            NumberOfFrameworks = compliance ? frameworks.Count : null,
            Accounts = setting.Accounts is { } accounts ? [.. accounts] : null,
            OrganizationUnits = setting.OrganizationUnits is { } units ? [.. units] : null,
            Regions = setting.Regions is { } regions ? [.. regions] : null,
        };
    }
}
