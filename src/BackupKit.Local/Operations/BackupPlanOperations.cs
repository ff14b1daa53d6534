using System.Text;
using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Rules;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// Backup plans: create (defaults filled as AWS fills them, idempotent by CreatorRequestId), get (latest or a version,
/// with the scheduled-runs preview), update (a new version; old versions stay readable), delete (only without
/// selections; leaves a DeletionDate), list and list versions.
/// </summary>
internal static class BackupPlanOperations
{
    /// <summary>Plans per account and region (AWS quota).</summary>
    public const int MaxPlans = AwsFacts.DefaultPlanQuota;

    /// <summary>Versions per plan (AWS quota).</summary>
    public const int MaxVersions = AwsFacts.MaxPlanVersions;

    public const string DefaultScheduleExpression = AwsFacts.DefaultScheduleExpression;
    public const string DefaultTimezone = AwsFacts.DefaultTimeZone;
    public const long DefaultStartWindowMinutes = AwsFacts.DefaultStartWindowMinutes;
    public const long DefaultCompletionWindowMinutes = AwsFacts.DefaultCompletionWindowMinutes;

    public static CreateBackupPlanOutput Create(CallContext call, CreateBackupPlanInput input)
    {
        var document = input.BackupPlan!;
        RequestRules.CheckPlan(document, input.BackupPlanTags);
        var state = call.State;
        lock (state.Gate)
        {
            if (input.CreatorRequestId is { } creatorRequestId)
            {
                foreach (var existing in state.Plans.Values)
                {
                    if (!existing.IsDeleted && existing.CreatorRequestId == creatorRequestId)
                    {
                        // A repeated create with the same CreatorRequestId returns the plan it created.
                        return CreateOutput(existing);
                    }
                }
            }

            var live = 0;
            foreach (var existing in state.Plans.Values)
            {
                if (existing.IsDeleted)
                {
                    continue;
                }

                live++;
                if (existing.Current.Document.BackupPlanName == document.BackupPlanName)
                {
                    throw new BackupApiError(ErrorCodes.AlreadyExists, 400, $"A backup plan named '{document.BackupPlanName}' already exists.")
                    {
                        Arn = existing.Arn,
                        CreatorRequestId = existing.CreatorRequestId,
                    };
                }
            }

            if (live >= MaxPlans)
            {
                throw BackupApiError.LimitExceeded($"This account already has {MaxPlans} backup plans in {call.Region}, the most AWS Backup allows.");
            }

            var id = state.NewGuid().ToString("D");
            var now = call.Now;
            var plan = new PlanRecord
            {
                Id = id,
                Arn = state.PlanArn(id),
                Sequence = state.NextSequence(),
                CreationDate = now,
                CreatorRequestId = input.CreatorRequestId,
                ScheduledThrough = now,
            };
            plan.Versions.Add(new PlanVersion(plan, NewVersionId(state), now, Materialize(state, document, previous: null)));
            if (input.BackupPlanTags is { } tags)
            {
                TagOperations.Merge(plan.Tags, tags);
            }

            state.Plans.Add(id, plan);
            return CreateOutput(plan);
        }
    }

    public static GetBackupPlanOutput Get(CallContext call, GetBackupPlanInput input)
    {
        PlanVersion version;
        DateTimeOffset? lastExecution;
        var state = call.State;
        lock (state.Gate)
        {
            var plan = Find(state, input.BackupPlanId!);
            if (plan.Selections.Count > 0)
            {
                // Only a plan with selections can have run; plain reads stay on the prepared answer.
                BackupJobEngine.Advance(state, call.Now);
            }

            lastExecution = plan.LastExecutionDate;
            if (input.VersionId is { } versionId)
            {
                version = plan.Versions.Find(v => v.VersionId == versionId)
                    ?? throw BackupApiError.NotFound($"Failed reading Backup plan with provided version: plan '{plan.Id}' has no version '{versionId}'.");
            }
            else
            {
                version = plan.Current;
            }
        }

        var runs = input.MaxScheduledRunsPreview ?? 0;
        if (runs <= 0 && lastExecution is null)
        {
            return version.Output;
        }

        var prepared = version.Output;
        return new GetBackupPlanOutput
        {
            BackupPlan = prepared.BackupPlan,
            BackupPlanId = prepared.BackupPlanId,
            BackupPlanArn = prepared.BackupPlanArn,
            VersionId = prepared.VersionId,
            CreatorRequestId = prepared.CreatorRequestId,
            CreationDate = prepared.CreationDate,
            DeletionDate = prepared.DeletionDate,
            AdvancedBackupSettings = prepared.AdvancedBackupSettings,
            LastExecutionDate = lastExecution,
            ScheduledRunsPreview = runs > 0 ? ScheduledRuns(version.Document, call.Now, runs) : null,
        };
    }

    public static UpdateBackupPlanOutput Update(CallContext call, UpdateBackupPlanInput input)
    {
        var document = input.BackupPlan!;
        RequestRules.CheckPlan(document);
        var state = call.State;
        lock (state.Gate)
        {
            // Runs due under the old version happen before the new one takes over.
            BackupJobEngine.Advance(state, call.Now);
            var plan = FindLive(state, input.BackupPlanId!);
            foreach (var other in state.Plans.Values)
            {
                if (!other.IsDeleted && other != plan && other.Current.Document.BackupPlanName == document.BackupPlanName)
                {
                    throw new BackupApiError(ErrorCodes.AlreadyExists, 400, $"A backup plan named '{document.BackupPlanName}' already exists.")
                    {
                        Arn = other.Arn,
                        CreatorRequestId = other.CreatorRequestId,
                    };
                }
            }

            if (plan.Versions.Count >= MaxVersions)
            {
                throw BackupApiError.LimitExceeded($"Backup plan '{plan.Id}' already has {MaxVersions} versions, the most AWS Backup allows.");
            }

            var version = new PlanVersion(plan, NewVersionId(state), call.Now, Materialize(state, document, plan.Current.Document));
            plan.Versions.Add(version);
            return new UpdateBackupPlanOutput
            {
                BackupPlanId = plan.Id,
                BackupPlanArn = plan.Arn,
                CreationDate = version.CreationDate,
                VersionId = version.VersionId,
                AdvancedBackupSettings = version.Document.AdvancedBackupSettings,
                ScanSettings = version.Document.ScanSettings,
            };
        }
    }

    public static DeleteBackupPlanOutput Delete(CallContext call, DeleteBackupPlanInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var plan = FindLive(state, input.BackupPlanId!);
            if (plan.Selections.Count > 0)
            {
                throw BackupApiError.InvalidRequest(
                    $"Related backup plan selections must be deleted prior to backup plan deletion. Plan '{plan.Id}' still has {plan.Selections.Count} selection(s).");
            }

            var now = call.Now;
            plan.DeletionDate = now;
            plan.Current.MarkDeleted(plan, now);
            return new DeleteBackupPlanOutput
            {
                BackupPlanId = plan.Id,
                BackupPlanArn = plan.Arn,
                DeletionDate = now,
                VersionId = plan.Current.VersionId,
            };
        }
    }

    public static ListBackupPlansOutput List(CallContext call, ListBackupPlansInput input)
    {
        var includeDeleted = input.IncludeDeleted == true;
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var plans = new List<PlanRecord>(state.Plans.Count);
            foreach (var plan in state.Plans.Values)
            {
                if (includeDeleted || !plan.IsDeleted)
                {
                    plans.Add(plan);
                }
            }

            var members = Paging.List(plans, static p => p.Sequence, input.NextToken, input.MaxResults, out var next, plan => ToListMember(plan, plan.Current));
            return new ListBackupPlansOutput { BackupPlansList = members, NextToken = next };
        }
    }

    public static ListBackupPlanVersionsOutput ListVersions(CallContext call, ListBackupPlanVersionsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var plan = Find(state, input.BackupPlanId!);

            // Version sequence = position + 1, so tokens stay valid while versions are added.
            var indexes = new List<int>(plan.Versions.Count);
            for (var i = 0; i < plan.Versions.Count; i++)
            {
                indexes.Add(i);
            }

            var members = Paging.List(indexes, static i => i + 1, input.NextToken, input.MaxResults, out var next, index => ToListMember(plan, plan.Versions[index]));
            return new ListBackupPlanVersionsOutput { BackupPlanVersionsList = members, NextToken = next };
        }
    }

    /// <summary>A plan by id, deleted ones included.</summary>
    internal static PlanRecord Find(RegionState state, string planId) =>
        state.Plans.TryGetValue(planId, out var plan)
            ? plan
            : throw BackupApiError.NotFound($"Failed reading Backup plan with provided version: no backup plan has the id '{planId}'.");

    /// <summary>A plan by id that is not deleted.</summary>
    internal static PlanRecord FindLive(RegionState state, string planId)
    {
        var plan = Find(state, planId);
        return plan.IsDeleted
            ? throw BackupApiError.NotFound($"Backup plan '{planId}' was deleted on {plan.DeletionDate:O}.")
            : plan;
    }

    private static CreateBackupPlanOutput CreateOutput(PlanRecord plan) => new()
    {
        BackupPlanId = plan.Id,
        BackupPlanArn = plan.Arn,
        CreationDate = plan.Current.CreationDate,
        VersionId = plan.Current.VersionId,
        AdvancedBackupSettings = plan.Current.Document.AdvancedBackupSettings,
    };

    /// <summary>One version of a plan as ListBackupPlans (the current version) and ListBackupPlanVersions render it.</summary>
    internal static BackupPlansListMember ToListMember(PlanRecord plan, PlanVersion version) => new()
    {
        BackupPlanArn = plan.Arn,
        BackupPlanId = plan.Id,
        CreationDate = version.CreationDate,
        DeletionDate = version.DeletionDate,
        VersionId = version.VersionId,
        LastExecutionDate = plan.LastExecutionDate,
        BackupPlanName = version.Document.BackupPlanName,
        CreatorRequestId = plan.CreatorRequestId,
        AdvancedBackupSettings = version.Document.AdvancedBackupSettings,
    };

    // AWS version ids are the base64 form of a UUID string (e.g. "NDdhZGMx...").
    private static string NewVersionId(RegionState state) => Convert.ToBase64String(Encoding.ASCII.GetBytes(state.NewGuid().ToString("D")));

    /// <summary>The stored plan document: the input with AWS's defaults filled in and a RuleId per rule.</summary>
    private static BackupPlan Materialize(RegionState state, BackupPlanInput input, BackupPlan? previous)
    {
        var rules = new List<BackupRule>(input.Rules!.Count);
        foreach (var rule in input.Rules)
        {
            rules.Add(new BackupRule
            {
                RuleName = rule.RuleName,
                TargetBackupVaultName = rule.TargetBackupVaultName,
                TargetLogicallyAirGappedBackupVaultArn = rule.TargetLogicallyAirGappedBackupVaultArn,
                ScheduleExpression = rule.ScheduleExpression ?? DefaultScheduleExpression,
                ScheduleExpressionTimezone = rule.ScheduleExpressionTimezone ?? DefaultTimezone,
                StartWindowMinutes = rule.StartWindowMinutes ?? DefaultStartWindowMinutes,
                CompletionWindowMinutes = rule.CompletionWindowMinutes ?? DefaultCompletionWindowMinutes,
                Lifecycle = rule.Lifecycle,
                RecoveryPointTags = rule.RecoveryPointTags,
                CopyActions = rule.CopyActions,
                EnableContinuousBackup = rule.EnableContinuousBackup,
                IndexActions = rule.IndexActions,
                ScanActions = rule.ScanActions,

                // A rule kept across an update (same name) keeps its id; a new rule gets a new one.
                RuleId = previous?.Rules?.Find(r => r.RuleName == rule.RuleName)?.RuleId ?? state.NewGuid().ToString("D"),
            });
        }

        return new BackupPlan
        {
            BackupPlanName = input.BackupPlanName,
            Rules = rules,
            AdvancedBackupSettings = input.AdvancedBackupSettings,
            ScanSettings = input.ScanSettings,
        };
    }

    private static List<ScheduledPlanExecutionMember> ScheduledRuns(BackupPlan plan, DateTimeOffset now, int count)
    {
        var runs = new List<ScheduledPlanExecutionMember>();
        foreach (var rule in plan.Rules ?? [])
        {
            var zone = RequestRules.ScheduleZone(rule.ScheduleExpressionTimezone);
            var cron = RequestRules.ParseSchedule(rule.ScheduleExpression);
            var type = rule.EnableContinuousBackup == true ? RuleExecutionType.CONTINUOUS_AND_SNAPSHOTS : RuleExecutionType.SNAPSHOTS;
            foreach (var time in cron.NextRuns(now, zone).Take(count))
            {
                runs.Add(new ScheduledPlanExecutionMember { ExecutionTime = time, RuleId = rule.RuleId, RuleExecutionType = type });
            }
        }

        runs.Sort(static (a, b) => Nullable.Compare(a.ExecutionTime, b.ExecutionTime));
        if (runs.Count > count)
        {
            runs.RemoveRange(count, runs.Count - count);
        }

        return runs;
    }
}
