using System.Globalization;
using BackupKit.Model;
using BackupKit.Rules;

namespace BackupKit.Audit;

/// <summary>What a live audit saw of one resource: its recovery points, copies and restores.</summary>
internal sealed class ResourceEvidence(string arn, string? resourceType)
{
    public string Arn { get; } = arn;

    public string? ResourceType { get; } = resourceType;

    public List<RecoveryPointEvidence> RecoveryPoints { get; } = [];

    public List<(DateTimeOffset SourceCreated, string DestinationVaultArn)> Copies { get; } = [];

    public List<(DateTimeOffset Completed, TimeSpan Duration)> Restores { get; } = [];

    public RecoveryPointEvidence? Latest => RecoveryPoints.MaxBy(r => r.Created);
}

/// <summary>A recovery point as the live audit read it.</summary>
internal sealed record RecoveryPointEvidence(string Arn, string VaultName, DateTimeOffset Created, long? RetentionDays, bool Encrypted, bool CustomerManagedKey, bool AirGapped);

/// <summary>Inputs of one evaluation.</summary>
internal sealed record EvaluationInput(
    BackupPosture Frameworks,
    BackupPosture Plans,
    IReadOnlyList<InventoryResource>? Inventory,
    IReadOnlyDictionary<string, ResourceEvidence>? Evidence,
    AuditOptions Options,
    DateTimeOffset Now);

/// <summary>
/// Evaluates every control of every framework. Plans and vaults come from a posture (declared offline, read from
/// the account live), so plan-level verdicts are one code; live audits add the evidence of recovery points, copies
/// and restores.
/// </summary>
internal static class ControlEvaluator
{
    public static (IReadOnlyList<ControlVerdict> Controls, IReadOnlyList<ResourceVerdict> Resources) Evaluate(EvaluationInput input)
    {
        var verdicts = new List<ControlVerdict>();
        foreach (var framework in input.Frameworks.Frameworks)
        {
            foreach (var control in framework.Controls)
            {
                verdicts.Add(EvaluateControl(input, framework.Name, control));
            }
        }

        return (verdicts, Resources(input, verdicts));
    }

    /// <summary>Plan-level verdicts on a posture's own plans: what BK9101 reports in <c>Validate()</c>.</summary>
    public static IEnumerable<(string Framework, AuditControl Control, string Plan, string Reason)> PlanFailures(BackupPosture posture)
    {
        var input = new EvaluationInput(posture, posture, null, null, new AuditOptions(), DateTimeOffset.UnixEpoch);
        foreach (var framework in posture.Frameworks)
        {
            foreach (var control in framework.Controls)
            {
                foreach (var finding in EvaluateControl(input, framework.Name, control).Findings.Where(f => f.ObjectKind is "plan" or "vault" && f.Status == ComplianceStatus.NonCompliant))
                {
                    yield return (framework.Name, control, finding.ObjectKind == "plan" ? finding.ObjectId : PlanOfVaultFinding(posture, finding), finding.Reason);
                }
            }
        }
    }

    private static string PlanOfVaultFinding(BackupPosture posture, AuditFinding finding) =>
        posture.Plans.FirstOrDefault(p => p.Rules.Any(r => r.TargetVaultName == finding.ObjectId))?.Name ?? finding.ObjectId;

    private static ControlVerdict EvaluateControl(EvaluationInput input, string framework, AuditControl control)
    {
        var findings = new List<AuditFinding>();
        var evaluated = 0;
        void Fail(string kind, string id, string reason) =>
            findings.Add(new AuditFinding { Framework = framework, Control = control.Name, ObjectKind = kind, ObjectId = id, Reason = reason });
        ControlVerdict NotEvaluated(string reason) => new(framework, control, ComplianceStatus.NotEvaluated, 0,
            [new AuditFinding { Framework = framework, Control = control.Name, ObjectKind = "control", ObjectId = control.Name, Status = ComplianceStatus.NotEvaluated, Reason = reason }]);

        var posture = input.Plans;
        var plans = posture.Plans.Where(p => PlanInScope(p, control.Scope)).ToList();
        var evidence = input.Evidence?.Values.Where(e => control.Scope.Covers(e.ResourceType, e.Arn, TagsOf(input, e.Arn))).ToList();

        switch (control.Name)
        {
            case AuditControlRules.ResourcesProtectedByBackupPlan:
                if (input.Inventory is null)
                {
                    return NotEvaluated("coverage needs the resources: pass an inventory (offline) or audit an account whose resources are listed");
                }

                foreach (var resource in input.Inventory.Where(r => control.Scope.Covers(r.Type, r.Arn, r.Tags)))
                {
                    evaluated++;
                    if (!posture.Plans.Any(p => p.Selections.Any(s => SelectionMatcher.Selects(s, resource))))
                    {
                        Fail("resource", resource.Arn, $"no backup selection assigns it (tags: {FormatTags(resource.Tags)})");
                    }
                }

                break;

            case AuditControlRules.PlanMinFrequencyAndMinRetention:
                var frequency = control.IntervalParameter(AuditControlRules.RequiredFrequencyUnit, AuditControlRules.RequiredFrequencyValue) ?? TimeSpan.FromDays(1);
                var retention = control.IntParameter(AuditControlRules.RequiredRetentionDays) ?? 35;
                foreach (var plan in posture.Plans.Where(p => control.Scope.Tags.IsEmpty || control.Scope.Covers(null, null, p.Tags)))
                {
                    evaluated++;
                    var shortest = PlanFacts.ShortestInterval(plan);
                    if (shortest is null || shortest > frequency)
                    {
                        Fail("plan", plan.Name, $"its most frequent rule backs up every {Text(shortest)}; the control requires at least every {Text(frequency)}");
                    }

                    foreach (var rule in plan.Rules.Where(r => PlanFacts.RetentionDays(r) < retention))
                    {
                        Fail("plan", plan.Name, AuditControlRules.PlanRetentionReason(rule.Name, PlanFacts.RetentionDays(rule)!.Value, retention));
                    }
                }

                break;

            case AuditControlRules.RecoveryPointMinimumRetention:
                var minimum = control.IntParameter(AuditControlRules.RequiredRetentionDays) ?? 35;
                foreach (var plan in plans)
                {
                    evaluated++;
                    foreach (var rule in plan.Rules)
                    {
                        if (PlanFacts.RetentionDays(rule) < minimum)
                        {
                            Fail("plan", plan.Name, AuditControlRules.RecoveryPointRetentionReason(rule.Name, PlanFacts.RetentionDays(rule)!.Value, minimum));
                        }

                        foreach (var copy in rule.CopyActions.Where(c => (c.Lifecycle?.DeleteAfter?.TotalDays ?? PlanFacts.RetentionDays(rule)) < minimum))
                        {
                            Fail("plan", plan.Name, AuditControlRules.CopyRetentionReason(rule.Name, copy.DestinationVaultArn, (copy.Lifecycle?.DeleteAfter?.TotalDays ?? PlanFacts.RetentionDays(rule))!.Value, minimum));
                        }
                    }
                }

                foreach (var resource in evidence ?? [])
                {
                    foreach (var point in resource.RecoveryPoints.Where(p => p.RetentionDays < minimum))
                    {
                        evaluated++;
                        Fail("recoveryPoint", point.Arn, $"recovery point of {resource.Arn} in vault '{point.VaultName}' is kept {point.RetentionDays} days; the control requires at least {minimum} days");
                    }
                }

                break;

            case AuditControlRules.RecoveryPointEncrypted:
                foreach (var vault in TargetVaults(posture, plans))
                {
                    evaluated++;
                    if (input.Options.RequireCustomerManagedKeys && vault.EncryptionKeyArn is null)
                    {
                        Fail("vault", vault.Name, "it encrypts with an AWS-managed key; the audit requires a customer-managed KMS key (AuditOptions.RequireCustomerManagedKeys)");
                    }
                }

                foreach (var resource in evidence ?? [])
                {
                    foreach (var point in resource.RecoveryPoints)
                    {
                        evaluated++;
                        if (!point.Encrypted)
                        {
                            Fail("recoveryPoint", point.Arn, $"recovery point of {resource.Arn} in vault '{point.VaultName}' is not encrypted");
                        }
                        else if (input.Options.RequireCustomerManagedKeys && !point.CustomerManagedKey)
                        {
                            Fail("recoveryPoint", point.Arn, $"recovery point of {resource.Arn} in vault '{point.VaultName}' is not encrypted with a customer-managed KMS key");
                        }
                    }
                }

                break;

            case AuditControlRules.RecoveryPointManualDeletionDisabled:
                var allowed = control.Parameters.TryGetValue(AuditControlRules.PrincipalArnList, out var list) ? AuditControlRules.SplitList(list) : [];
                foreach (var vault in TargetVaults(posture, plans).Where(v => !v.IsLogicallyAirGapped))
                {
                    evaluated++;
                    if (!PlanFacts.DeniesManualDeletion(vault.AccessPolicy, [.. allowed], out var why))
                    {
                        Fail("vault", vault.Name, why);
                    }
                }

                break;

            case AuditControlRules.ResourcesProtectedByCrossRegion:
            case AuditControlRules.ResourcesProtectedByCrossAccount:
                var crossRegion = control.Name == AuditControlRules.ResourcesProtectedByCrossRegion;
                var targets = AuditControlRules.SplitList(control.Parameters.TryGetValue(crossRegion ? AuditControlRules.CrossRegionList : AuditControlRules.CrossAccountList, out var t) ? t : string.Empty);
                bool Copies(string vaultArn) => targets.Contains((crossRegion ? ResourceArns.RegionOf(vaultArn) : ResourceArns.AccountOf(vaultArn)) ?? string.Empty, StringComparer.Ordinal);
                var what = crossRegion ? "Region" : "account";
                ResourceLevel(plans, p => p.Rules.SelectMany(r => r.CopyActions).Any(c => Copies(c.DestinationVaultArn))
                    ? null
                    : $"none of its rules copies into a vault in {what} {string.Join(" or ", targets)}", Fail, ref evaluated);
                foreach (var resource in evidence ?? [])
                {
                    evaluated++;
                    if (resource.RecoveryPoints.Where(p => p.Created <= input.Now - input.Options.CopyGracePeriod).MaxBy(p => p.Created) is { } due &&
                        !resource.Copies.Any(c => c.SourceCreated >= due.Created && Copies(c.DestinationVaultArn)))
                    {
                        var last = resource.Copies.Where(c => Copies(c.DestinationVaultArn)).Select(c => (DateTimeOffset?)c.SourceCreated).Max();
                        Fail("resource", resource.Arn, $"its recovery point of {Stamp(due.Created)} has no completed copy in {what} {string.Join(" or ", targets)} after {input.Options.CopyGracePeriod.TotalHours:0} hours; " +
                            (last is null ? "it was never copied there" : $"the last copy there is of {Stamp(last.Value)}: copies stopped"));
                    }
                }

                break;

            case AuditControlRules.ResourcesProtectedByVaultLock:
                var minLock = control.IntParameter(AuditControlRules.MinRetentionDays);
                var maxLock = control.IntParameter(AuditControlRules.MaxRetentionDays);
                string? LockProblem(BackupVault? vault, string name)
                {
                    if (vault is null)
                    {
                        return $"its target vault '{name}' is not part of the audited posture";
                    }

                    if (vault.IsLogicallyAirGapped)
                    {
                        return null;
                    }

                    if (vault.Lock is not { } l)
                    {
                        return $"its target vault '{name}' has no Vault Lock";
                    }

                    if (minLock is { } lo && (l.MinRetention?.TotalDays ?? 0) < lo)
                    {
                        return $"its target vault '{name}' locks a minimum retention of {l.MinRetention?.TotalDays ?? 0} days; the control requires at least {lo}";
                    }

                    return maxLock is { } hi && (l.MaxRetention is null || l.MaxRetention.Value.TotalDays > hi)
                        ? $"its target vault '{name}' locks a maximum retention of {(l.MaxRetention is { } m ? m.TotalDays + " days" : "none")}; the control requires at most {hi} days"
                        : null;
                }

                ResourceLevel(plans, p => p.Rules.Select(r => LockProblem(posture.FindVault(r.TargetVaultName), r.TargetVaultName)).FirstOrDefault(x => x is not null), Fail, ref evaluated);
                break;

            case AuditControlRules.LastRecoveryPointCreated:
            case AuditControlRules.ResourcesInLogicallyAirGappedVault:
                var airGapped = control.Name == AuditControlRules.ResourcesInLogicallyAirGappedVault;
                var maxAge = control.IntervalParameter(AuditControlRules.RecoveryPointAgeUnit, AuditControlRules.RecoveryPointAgeValue) ?? TimeSpan.FromDays(1);
                ResourceLevel(plans, p =>
                {
                    var rules = airGapped ? p.Rules.Where(r => WritesAirGapped(posture, r)).ToList() : [.. p.Rules];
                    var shortest = rules.Select(PlanFacts.IntervalOf).Where(i => i is not null).Min();
                    return shortest is not null && shortest <= maxAge ? null
                        : airGapped && rules.Count == 0 ? "none of its rules writes or copies into a logically air-gapped vault"
                        : $"its most frequent {(airGapped ? "air-gapped " : string.Empty)}rule runs every {Text(shortest)}, longer than the {Text(maxAge)} the control allows";
                }, Fail, ref evaluated);
                foreach (var resource in evidence ?? [])
                {
                    evaluated++;
                    var newest = resource.RecoveryPoints.Where(r => !airGapped || r.AirGapped).MaxBy(r => r.Created);
                    if (newest is null)
                    {
                        Fail("resource", resource.Arn, airGapped ? "it has no recovery point in a logically air-gapped vault" : "it has no recovery point");
                    }
                    else if (input.Now - newest.Created > maxAge)
                    {
                        Fail("resource", resource.Arn, $"its last {(airGapped ? "air-gapped " : string.Empty)}recovery point was created {Stamp(newest.Created)}, {Text(input.Now - newest.Created)} ago; the control allows {Text(maxAge)}");
                    }
                }

                break;

            case AuditControlRules.RestoreTimeMeetsTarget:
                if (evidence is null)
                {
                    return NotEvaluated("restore time is measured on restore jobs: evaluate it live");
                }

                var target = TimeSpan.FromMinutes(control.IntParameter(AuditControlRules.MaxRestoreTime) ?? 0);
                foreach (var resource in evidence.Where(e => e.Restores.Count > 0))
                {
                    evaluated++;
                    var latest = resource.Restores.MaxBy(r => r.Completed);
                    if (latest.Duration > target)
                    {
                        Fail("resource", resource.Arn, $"its latest restore ({Stamp(latest.Completed)}) took {latest.Duration.TotalMinutes:0} minutes; the target is {target.TotalMinutes:0} minutes");
                    }
                }

                break;
        }

        var status = findings.Count > 0 ? ComplianceStatus.NonCompliant : ComplianceStatus.Compliant;
        return new ControlVerdict(framework, control, status, evaluated, findings);
    }

    /// <summary>
    /// Resource-level controls are satisfied by any plan that protects the resource: a plan fails only when no plan
    /// with an equal selection passes.
    /// </summary>
    private static void ResourceLevel(List<BackupPlan> plans, Func<BackupPlan, string?> problem, Action<string, string, string> fail, ref int evaluated)
    {
        var problems = plans.ToDictionary(p => p, problem);
        foreach (var plan in plans)
        {
            evaluated++;
            if (problems[plan] is not { } reason)
            {
                continue;
            }

            var covered = plan.Selections.Count > 0 && plan.Selections.All(s =>
                plans.Any(other => other != plan && problems[other] is null && other.Selections.Any(o => SameTarget(o, s))));
            if (!covered)
            {
                fail("plan", plan.Name, reason);
            }
        }
    }

    private static bool SameTarget(BackupSelection a, BackupSelection b) =>
        a.Resources == b.Resources && a.NotResources == b.NotResources && a.ListOfTags == b.ListOfTags && a.Conditions == b.Conditions;

    private static bool WritesAirGapped(BackupPosture posture, BackupRule rule) =>
        rule.TargetLogicallyAirGappedVaultArn is not null ||
        posture.FindVault(rule.TargetVaultName)?.IsLogicallyAirGapped == true ||
        rule.CopyActions.Any(c => PlanFacts.VaultOfArn(posture, c.DestinationVaultArn)?.IsLogicallyAirGapped == true);

    private static IEnumerable<BackupVault> TargetVaults(BackupPosture posture, IEnumerable<BackupPlan> plans) =>
        plans.SelectMany(p => p.Rules).SelectMany(r => PlanFacts.TargetVaults(posture, r)).OfType<BackupVault>().Distinct();

    /// <summary>A plan is in a control's scope when one of its selections may assign a resource in the scope.</summary>
    private static bool PlanInScope(BackupPlan plan, AuditControlScope scope)
    {
        if (scope.IsAll)
        {
            return true;
        }

        return plan.Selections.Any(s =>
        {
            var named = s.Resources.Select(ResourceArns.ResourceTypeOf).ToList();
            var onlyNamed = s.ListOfTags.IsEmpty && s.Conditions.Count == 0 && named.Count > 0 && named.All(n => n is not null);
            if (onlyNamed)
            {
                return s.Resources.Any(r => scope.Covers(ResourceArns.ResourceTypeOf(r), r, null));
            }

            var tags = s.ListOfTags.Concat(s.Conditions.StringEquals).ToList();
            return scope.Tags.IsEmpty || tags.Count == 0 || tags.Any(tag => scope.Tags.TryGetValue(tag.Key, out var v) && v == tag.Value);
        });
    }

    private static IReadOnlyList<ResourceVerdict> Resources(EvaluationInput input, List<ControlVerdict> verdicts)
    {
        var resources = new Dictionary<string, (string? Type, IReadOnlyDictionary<string, string>? Tags)>(StringComparer.Ordinal);
        foreach (var item in input.Inventory ?? [])
        {
            resources[item.Arn] = (item.Type, item.Tags);
        }

        foreach (var item in input.Evidence?.Values ?? [])
        {
            resources.TryAdd(item.Arn, (item.ResourceType, null));
        }

        var result = new List<ResourceVerdict>(resources.Count);
        foreach (var (arn, (type, tags)) in resources.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var inventory = new InventoryResource(arn, tags ?? new Dictionary<string, string>(), type);
            var protectors = tags is null
                ? input.Plans.Plans.Where(p => p.Selections.Any(s => s.Resources.Any(r => SelectionMatcher.ArnMatches(r, arn)))).Select(p => p.Name).ToList()
                : input.Plans.Plans.Where(p => p.Selections.Any(s => SelectionMatcher.Selects(s, inventory))).Select(p => p.Name).ToList();
            var failed = new List<string>();
            foreach (var verdict in verdicts.Where(v => v.Control.Scope.Covers(type, arn, tags)))
            {
                var fails = verdict.Findings.Any(f => f.Status == ComplianceStatus.NonCompliant &&
                    ((f.ObjectKind == "resource" && f.ObjectId == arn) ||
                     (f.ObjectKind == "plan" && protectors.Contains(f.ObjectId)) ||
                     (f.ObjectKind == "recoveryPoint" && f.Reason.Contains(arn, StringComparison.Ordinal)) ||
                     (f.ObjectKind == "vault" && input.Plans.Plans.Where(p => protectors.Contains(p.Name)).SelectMany(p => p.Rules).Any(r => r.TargetVaultName == f.ObjectId))));
                if (fails)
                {
                    failed.Add(verdict.Framework + "/" + verdict.Control.Name);
                }
            }

            var last = input.Evidence is not null && input.Evidence.TryGetValue(arn, out var e) ? e.Latest?.Created : null;
            var status = failed.Count > 0 || (protectors.Count == 0 && tags is not null) ? ComplianceStatus.NonCompliant : ComplianceStatus.Compliant;
            result.Add(new ResourceVerdict(arn, type, protectors, status, failed, last));
        }

        return result;
    }

    private static IReadOnlyDictionary<string, string>? TagsOf(EvaluationInput input, string arn) =>
        input.Inventory?.FirstOrDefault(r => r.Arn == arn)?.Tags;

    private static string FormatTags(IReadOnlyDictionary<string, string> tags) =>
        tags.Count == 0 ? "none" : string.Join(", ", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value));

    internal static string Text(TimeSpan? interval) =>
        interval is not { } i ? "(never)"
        : i.Ticks % TimeSpan.TicksPerDay == 0 ? Plural((long)i.TotalDays, "day")
        : i.TotalHours >= 1 ? Plural((long)Math.Round(i.TotalHours), "hour")
        : Plural((long)Math.Round(i.TotalMinutes), "minute");

    private static string Plural(long n, string unit) => n.ToString(CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? string.Empty : "s");

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
