using System.Globalization;
using BackupKit.Model;
using BackupKit.Rules;

namespace BackupKit.Building;

/// <summary>
/// Walks a posture and applies the rules table to every value, prefixing each finding with the path of the value.
/// All checks live in <see cref="BackupKit.Rules"/>; this class only gathers inputs and paths.
/// </summary>
internal static class PostureValidator
{
    public static IReadOnlyList<PostureViolation> Validate(BackupPosture posture)
    {
        ArgumentNullException.ThrowIfNull(posture);
        var sink = new Sink();

        sink.Add(string.Empty, VaultRules.CheckVaultQuota(posture.Vaults.Count));
        foreach (var group in posture.Vaults.GroupBy(v => v.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            sink.Add($"vaults[{group.Key}]", NameRules.CheckUnique("Backup vault", group.Key, group.Count(), "an account and Region"));
        }

        foreach (var vault in posture.Vaults)
        {
            ValidateVault(sink, vault);
        }

        sink.Add(string.Empty, PlanRules.CheckPlanQuota(posture.Plans.Count));
        foreach (var group in posture.Plans.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            sink.Add($"plans[{group.Key}]", NameRules.CheckUnique("Backup plan", group.Key, group.Count(), "an account and Region"));
        }

        foreach (var plan in posture.Plans)
        {
            ValidatePlan(sink, posture, plan);
        }

        sink.Add(string.Empty, RestoreTestingRules.CheckPlanQuota(posture.RestoreTestingPlans.Count));
        foreach (var group in posture.RestoreTestingPlans.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            sink.Add($"restoreTestingPlans[{group.Key}]", NameRules.CheckUnique("Restore testing plan", group.Key, group.Count(), "an account and Region"));
        }

        foreach (var plan in posture.RestoreTestingPlans)
        {
            ValidateRestoreTestingPlan(sink, plan);
        }

        ValidateAudit(sink, posture);
        ValidateRecommendations(sink, posture);

        return sink.Violations
            .OrderBy(v => v.Severity)
            .ToArray();
    }

    /// <summary>
    /// Validates <paramref name="posture"/> and throws one <see cref="BackupPostureValidationException"/> listing every
    /// finding when any is an error: the single "validate and throw" of the library (Build(), apply, drift).
    /// </summary>
    /// <returns>The findings, warnings only, when the posture may be used.</returns>
    public static IReadOnlyList<PostureViolation> ThrowIfInvalid(BackupPosture posture)
    {
        var violations = Validate(posture);
        if (violations.Any(v => v.Severity == ViolationSeverity.Error))
        {
            throw new BackupPostureValidationException(violations);
        }

        return violations;
    }

    private static void ValidateVault(Sink sink, BackupVault vault)
    {
        var path = $"vaults[{vault.Name}]";
        sink.Add(path + ".name", NameRules.CheckVaultName(vault.Name));
        sink.Add(path, VaultRules.CheckKmsKeyArn(vault.EncryptionKeyArn));
        if (vault.AccessPolicy is { } accessPolicy)
        {
            sink.Add(path, VaultRules.CheckExceptedPrincipals(AccessPolicyPrincipals.Read(accessPolicy)));
        }

        if (vault.Notifications is { } notifications)
        {
            sink.Add(path, VaultRules.CheckNotifications(notifications.SnsTopicArn, notifications.Events));
        }

        if (vault.Lock is { } vaultLock)
        {
            sink.Add(path, VaultRules.CheckVaultLock(vaultLock.MinRetention?.TotalDays, vaultLock.MaxRetention?.TotalDays, vaultLock.ChangeableFor?.TotalDays));
        }

        if (vault.LogicallyAirGapped is { } airGapped)
        {
            sink.Add(path, VaultRules.CheckAirGappedRetention(airGapped.MinRetention.TotalDays, airGapped.MaxRetention.TotalDays));
        }

        sink.Add(path, VaultRules.CheckAirGappedWithoutLock(vault.Name, vault.IsLogicallyAirGapped, vault.Lock is not null));
        sink.Add(path + ".tags", NameRules.CheckTags(vault.Tags));
        sink.Add(path, RecommendationRules.CheckVaultLocked(vault.Name, vault.Lock is not null, vault.IsLogicallyAirGapped));
    }

    private static void ValidatePlan(Sink sink, BackupPosture posture, BackupPlan plan)
    {
        var path = $"plans[{plan.Name}]";
        sink.Add(path + ".name", NameRules.CheckPlanName(plan.Name));
        sink.Add(path, PlanRules.CheckRuleCount(plan.Rules.Count));
        sink.Add(path, RecommendationRules.CheckCrossRegionCopy(plan.Name, plan.Rules.Sum(r => r.CopyActions.Count)));
        foreach (var group in plan.Rules.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            sink.Add($"{path}.rules[{group.Key}]", NameRules.CheckUnique("Backup rule", group.Key, group.Count(), $"plan '{plan.Name}'"));
        }

        foreach (var rule in plan.Rules)
        {
            ValidateRule(sink, posture, $"{path}.rules[{rule.Name}]", rule);
        }

        for (var i = 0; i < plan.AdvancedBackupSettings.Count; i++)
        {
            var setting = plan.AdvancedBackupSettings[i];
            sink.Add($"{path}.advancedBackupSettings[{setting.ResourceType}]", PlanRules.CheckAdvancedBackupSetting(setting.ResourceType, setting.Options));
        }

        sink.Add(path + ".tags", NameRules.CheckTags(plan.Tags));

        var tagSelections = plan.Selections.Count(s => !s.ListOfTags.IsEmpty || s.Conditions.Count > 0);
        sink.Add(path, SelectionRules.CheckSelectionsPerPlan(plan.Selections.Count, tagSelections));
        foreach (var group in plan.Selections.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            sink.Add($"{path}.selections[{group.Key}]", NameRules.CheckUnique("Backup selection", group.Key, group.Count(), $"plan '{plan.Name}'"));
        }

        foreach (var selection in plan.Selections)
        {
            ValidateSelection(sink, $"{path}.selections[{selection.Name}]", selection);
        }
    }

    private static void ValidateRule(Sink sink, BackupPosture posture, string path, BackupRule rule)
    {
        sink.Add(path + ".name", NameRules.CheckRuleName(rule.Name));

        var targetVault = string.IsNullOrEmpty(rule.TargetVaultName) ? null : posture.FindVault(rule.TargetVaultName);
        if (!string.IsNullOrEmpty(rule.TargetVaultName))
        {
            sink.Add(path + ".targetVault", NameRules.CheckVaultName(rule.TargetVaultName));
        }

        sink.Add(path, PlanRules.CheckTargetVaultDeclared(rule.TargetVaultName, targetVault is not null, rule.TargetVaultIsExternal));
        sink.Add(path, PlanRules.CheckAirGappedTargetArn(rule.TargetLogicallyAirGappedVaultArn));

        sink.Add(path, rule.ScheduleViolations);
        if (rule.Schedule is { } schedule)
        {
            if (rule.ScheduleViolations.Count == 0)
            {
                sink.Add(path + ".schedule", ScheduleRules.CheckCron(schedule.CronExpression));
            }

            sink.Add(path + ".schedule", ScheduleRules.CheckTimeZone(schedule.TimeZone));
        }

        sink.Add(path, ScheduleRules.CheckStartWindow(rule.StartWindow));
        sink.Add(path, ScheduleRules.CheckCompletionWindow(rule.CompletionWindow, rule.StartWindow));

        var cold = rule.Lifecycle?.MoveToColdStorageAfter?.TotalDays;
        var delete = rule.Lifecycle?.DeleteAfter?.TotalDays;
        sink.Add(path + ".lifecycle", LifecycleRules.CheckLifecycle(cold, delete));
        sink.Add(path + ".lifecycle", LifecycleRules.CheckContinuousBackup(rule.ContinuousBackup, cold, delete));
        sink.Add(path, RecommendationRules.CheckRuleRetention(rule.Name, delete is not null, rule.KeepsForeverDeliberately));
        sink.Add(path, PlanRules.CheckRecoveryPointTags(rule.RecoveryPointTags));
        sink.Add(path, PlanRules.CheckIndexActions(rule.IndexActions.Select(a => (IReadOnlyList<string>)a.ResourceTypes).ToArray()));

        // Retention must fit the range the target vault enforces (Vault Lock or air-gapped retention).
        if (targetVault?.EnforcedRetention is { } range && HasValidRange(targetVault))
        {
            sink.Add(path, RetentionRules.CheckRuleRetention(delete, targetVault.Name, range.Min?.TotalDays, range.Max?.TotalDays));
        }

        if (rule.TargetLogicallyAirGappedVaultArn is { } airGappedArn &&
            VaultFromArn(posture, airGappedArn) is { EnforcedRetention: { } airGappedRange } airGappedVault && HasValidRange(airGappedVault))
        {
            sink.Add(path, RetentionRules.CheckRuleRetention(delete, airGappedVault.Name, airGappedRange.Min?.TotalDays, airGappedRange.Max?.TotalDays));
        }

        sink.Add(path, PlanRules.CheckCopyActionCount(rule.CopyActions.Count));
        for (var i = 0; i < rule.CopyActions.Count; i++)
        {
            var copy = rule.CopyActions[i];
            var copyPath = $"{path}.copyActions[{i.ToString(CultureInfo.InvariantCulture)}]";
            sink.Add(copyPath, PlanRules.CheckCopyDestinationArn(copy.DestinationVaultArn));
            var copyCold = copy.Lifecycle?.MoveToColdStorageAfter?.TotalDays;
            var copyDelete = copy.Lifecycle?.DeleteAfter?.TotalDays;
            sink.Add(copyPath + ".lifecycle", LifecycleRules.CheckLifecycle(copyCold, copyDelete));

            // A copy without its own delete-after keeps the source's expiry (copies keep the source creation date).
            var effectiveDelete = copyDelete ?? delete;
            if (VaultFromArn(posture, copy.DestinationVaultArn) is { EnforcedRetention: { } destinationRange } destination && HasValidRange(destination))
            {
                sink.Add(copyPath, RetentionRules.CheckCopyRetention(effectiveDelete, destination.Name, destinationRange.Min?.TotalDays, destinationRange.Max?.TotalDays));
            }
        }
    }

    private static void ValidateSelection(Sink sink, string path, BackupSelection selection)
    {
        sink.Add(path + ".name", NameRules.CheckSelectionName(selection.Name));
        if (!selection.IamRole.IsDefaultServiceRole)
        {
            sink.Add(path, SelectionRules.CheckIamRoleArn(selection.IamRole.Arn));
        }

        sink.Add(path, SelectionRules.CheckNotEmpty(selection.Resources.Count, selection.ListOfTags.Count));
        sink.Add(path, SelectionRules.CheckResourceList("resources", selection.Resources));
        sink.Add(path, SelectionRules.CheckResourceList("notResources", selection.NotResources));
        sink.Add(path, SelectionRules.CheckListOfTags(selection.ListOfTags.Select(t => t.Key).ToArray()));
        var conditions = selection.Conditions;
        var conditionKeys = conditions.StringEquals.Concat(conditions.StringNotEquals).Concat(conditions.StringLike).Concat(conditions.StringNotLike)
            .Select(c => c.Key)
            .ToArray();
        sink.Add(path, SelectionRules.CheckConditions(conditionKeys));
    }

    private static void ValidateRestoreTestingPlan(Sink sink, RestoreTestingPlan plan)
    {
        var path = $"restoreTestingPlans[{plan.Name}]";
        sink.Add(path + ".name", NameRules.CheckRestoreTestingPlanName(plan.Name));
        sink.Add(path, plan.ScheduleViolations);
        if (plan.ScheduleViolations.Count == 0)
        {
            sink.Add(path + ".schedule", ScheduleRules.CheckCron(string.IsNullOrEmpty(plan.Schedule.CronExpression) ? null : plan.Schedule.CronExpression, atMostHourly: false));
        }

        sink.Add(path + ".schedule", ScheduleRules.CheckTimeZone(plan.Schedule.TimeZone));
        sink.Add(path, RestoreTestingRules.CheckStartWindow(plan.StartWindow));
        var selection = plan.RecoveryPointSelection;
        sink.Add(path, RestoreTestingRules.CheckRecoveryPointSelection(
            selection.Algorithm switch
            {
                RestoreTestingAlgorithm.LatestWithinWindow => "LATEST_WITHIN_WINDOW",
                RestoreTestingAlgorithm.RandomWithinWindow => "RANDOM_WITHIN_WINDOW",
                _ => selection.Algorithm.ToString(),
            },
            selection.RecoveryPointTypes.Select(t => t switch
            {
                RestoreTestingRecoveryPointType.Snapshot => "SNAPSHOT",
                RestoreTestingRecoveryPointType.Continuous => "CONTINUOUS",
                _ => t.ToString(),
            }).ToArray(),
            selection.IncludeVaults,
            selection.ExcludeVaults,
            selection.SelectionWindow?.TotalDays));
        sink.Add(path, RestoreTestingRules.CheckPlanLimits(plan.Selections.Count, plan.Tags.Count));
        sink.Add(path + ".tags", NameRules.CheckTags(plan.Tags));
        foreach (var group in plan.Selections.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            sink.Add($"{path}.selections[{group.Key}]", NameRules.CheckUnique("Restore testing selection", group.Key, group.Count(), $"restore testing plan '{plan.Name}'"));
        }

        foreach (var test in plan.Selections)
        {
            var testPath = $"{path}.selections[{test.Name}]";
            sink.Add(testPath + ".name", NameRules.CheckRestoreTestingSelectionName(test.Name));
            sink.Add(testPath, RestoreTestingRules.CheckResourceType(test.ProtectedResourceType));
            if (!test.IamRole.IsDefaultServiceRole)
            {
                sink.Add(testPath, SelectionRules.CheckIamRoleArn(test.IamRole.Arn));
            }

            sink.Add(testPath, RestoreTestingRules.CheckProtectedResources(test.ProtectedResourceArns, test.Conditions.Count));
            sink.Add(testPath, RestoreTestingRules.CheckConditions(test.Conditions.StringEquals.Concat(test.Conditions.StringNotEquals)
                .Select(c => new KeyValuePair<string, string>(c.Key, c.Value)).ToArray()));
            sink.Add(testPath, RestoreTestingRules.CheckValidationWindow(test.ValidationWindow));
            sink.Add(testPath, RecommendationRules.CheckValidationWindow(test.Name, plan.Name, test.ValidationWindow?.TotalHours));
        }
    }

    private static void ValidateAudit(Sink sink, BackupPosture posture)
    {
        sink.Add(string.Empty, AuditControlRules.CheckQuotas(posture.Frameworks.Count, posture.Frameworks.Sum(f => f.Controls.Count), posture.ReportPlans.Count));
        foreach (var group in posture.Frameworks.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            sink.Add($"frameworks[{group.Key}]", NameRules.CheckUnique("Audit framework", group.Key, group.Count(), "an account and Region"));
        }

        foreach (var framework in posture.Frameworks)
        {
            var path = $"frameworks[{framework.Name}]";
            sink.Add(path + ".name", AuditControlRules.CheckName(framework.Name, isReportPlan: false));
            sink.Add(path, AuditControlRules.CheckDescription("framework", framework.Name, framework.Description));
            sink.Add(path + ".tags", NameRules.CheckTags(framework.Tags));
            for (var i = 0; i < framework.Controls.Count; i++)
            {
                var control = framework.Controls[i];
                sink.Add($"{path}.controls[{i.ToString(CultureInfo.InvariantCulture)}]", AuditControlRules.CheckControl(
                    control.Name, control.Parameters, control.Scope.ResourceTypes.Count, control.Scope.ResourceIds.Count, control.Scope.Tags.Count));
            }
        }

        foreach (var group in posture.ReportPlans.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            sink.Add($"reportPlans[{group.Key}]", NameRules.CheckUnique("Report plan", group.Key, group.Count(), "an account"));
        }

        foreach (var report in posture.ReportPlans)
        {
            var path = $"reportPlans[{report.Name}]";
            sink.Add(path + ".name", AuditControlRules.CheckName(report.Name, isReportPlan: true));
            sink.Add(path, AuditControlRules.CheckDescription("report plan", report.Name, report.Description));
            sink.Add(path, AuditControlRules.CheckReportPlan(report.Name, report.Template, report.Frameworks.Count, report.Formats, report.S3BucketName));
            foreach (var missing in report.Frameworks.Where(f => posture.Frameworks.All(d => d.Name != f)))
            {
                sink.Add(path + ".frameworks", [new RuleViolation(RuleCatalog.ReportSetting, string.Empty, missing,
                    "Declare the framework in the posture with AddFramework, or remove it from the report plan.", report.Name, $"framework '{missing}' is not declared in the posture")]);
            }
        }

        // A plan that breaks a control of a framework the same posture declares: checked only when the controls are valid.
        if (sink.Violations.Any(v => v.Severity == ViolationSeverity.Error && v.Path.StartsWith("frameworks[", StringComparison.Ordinal)))
        {
            return;
        }

        foreach (var (framework, control, plan, reason) in Audit.ControlEvaluator.PlanFailures(posture).Distinct())
        {
            sink.Add($"plans[{plan}]", [AuditControlRules.PlanFailsControl(plan, control.Name, control.ToString(), framework, reason)]);
        }
    }

    private static void ValidateRecommendations(Sink sink, BackupPosture posture)
    {
        var restoreTested = posture.RestoreTestingPlans.SelectMany(p => p.Selections).Select(s => s.ProtectedResourceType).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var plan in posture.Plans)
        {
            var path = $"plans[{plan.Name}]";
            var types = Audit.PlanFacts.ResourceTypesNamed(plan).ToList();
            foreach (var type in types)
            {
                sink.Add(path, RecommendationRules.CheckRestoreTesting(plan.Name, type, restoreTested.Contains(type)));
                sink.Add(path, RecommendationRules.CheckContinuousBackup(plan.Name, type, plan.Rules.Any(r => r.ContinuousBackup)));
            }

            foreach (var selection in plan.Selections)
            {
                var arns = selection.Resources.Count(r => !r.Contains('*', StringComparison.Ordinal));
                var byTag = selection.ListOfTags.Count + selection.Conditions.Count + selection.Resources.Count(r => r.Contains('*', StringComparison.Ordinal));
                sink.Add($"{path}.selections[{selection.Name}]", RecommendationRules.CheckSelectionByTag(selection.Name, plan.Name, arns, byTag));
            }

            sink.Add(path, RecommendationRules.CheckCopiesLeaveAccount(plan.Name, Audit.PlanFacts.SourceAccount(plan), Audit.PlanFacts.CopyAccounts(plan)));
        }
    }

    /// <summary>
    /// Finds the posture vault a vault ARN points to, by name: a posture is applied per account and Region, so a
    /// destination named like one of its vaults is that vault as deployed in the destination Region or account.
    /// </summary>
    private static BackupVault? VaultFromArn(BackupPosture posture, string vaultArn) =>
        RetentionRules.DestinationVaultName(vaultArn) is { } name ? posture.FindVault(name) : null;

    // A vault whose own range is wrong is reported once (BK6004-BK6008), not once more per rule or copy that writes to it.
    private static bool HasValidRange(BackupVault vault) =>
        vault.EnforcedRetention is not { } range ||
        VaultRules.IsValidEnforcedRange(vault.IsLogicallyAirGapped, range.Min?.TotalDays, range.Max?.TotalDays);

    private sealed class Sink
    {
        public List<PostureViolation> Violations { get; } = [];

        public void Add(string path, IReadOnlyList<RuleViolation> violations)
        {
            foreach (var violation in violations)
            {
                var fullPath = violation.Member.Length == 0 ? path
                    : path.Length == 0 || violation.Member.StartsWith('[') ? path + violation.Member
                    : path + "." + violation.Member;
                Violations.Add(new PostureViolation(fullPath, violation));
            }
        }
    }
}
