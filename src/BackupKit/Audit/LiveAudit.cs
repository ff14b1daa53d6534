using System.Diagnostics;
using System.Diagnostics.Metrics;
using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Rules;
using BackupKit.Telemetry;
using BackupKit.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using BackupPlan = BackupKit.Model.BackupPlan;
using BackupSelection = BackupKit.Model.BackupSelection;

namespace BackupKit.Audit;

/// <summary>A restore that proved a resource restores, from a verification history (restore drills, restore testing).</summary>
/// <param name="ResourceArn">The source resource of the restored recovery point.</param>
/// <param name="CompletedAt">When the restore completed.</param>
/// <param name="RestoreDuration">How long the restore took.</param>
/// <param name="Succeeded">Whether the restore (and its validation) succeeded.</param>
public sealed record RestoreVerificationRecord(string ResourceArn, DateTimeOffset CompletedAt, TimeSpan RestoreDuration, bool Succeeded);

/// <summary>
/// A history of restore verifications the live audit reads beside the account's restore jobs, for the restore-time
/// control and stale verification. BackupKit's restore verification implements it; any store can.
/// </summary>
public interface IRestoreVerificationHistory
{
    /// <summary>Reads the verifications completed since <paramref name="since"/>.</summary>
    /// <param name="since">The oldest completion time of interest.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The verifications.</returns>
    IAsyncEnumerable<RestoreVerificationRecord> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}

/// <summary>
/// Evaluates the controls of a posture's frameworks against a live account (or BackupKit.Local) through
/// <see cref="IBackupClient"/>: the plans, selections and vaults as they are now, and the evidence of recovery points,
/// copies and restores. Compares the verdicts with the offline verdicts of the declared posture and names the
/// objects that drifted when they differ.
/// </summary>
/// <remarks>
/// Calls (each page is one call; list pages ask for 1,000 items): ListBackupVaults; ListBackupPlans, then per plan
/// GetBackupPlan and ListBackupSelections, and per selection GetBackupSelection (plan-level controls and coverage);
/// GetBackupVaultAccessPolicy per vault only for the manual-deletion control; ListRecoveryPointsByBackupVault per
/// vault for recovery point controls; ListCopyJobs only for the cross-Region and cross-account controls;
/// ListRestoreJobs only for the restore-time control and stale verification. No call per resource: 1,000 resources
/// cost the same calls as one, plus one page per 1,000 recovery points or jobs.
/// </remarks>
public sealed partial class LiveAudit
{
    private const int PageSize = 1000;
    private static readonly Counter<long> s_findings = new Meter(BackupKitTelemetry.Name, BackupKitTelemetry.Version)
        .CreateCounter<long>("backupkit.audit.findings", "{finding}", "Non-compliant findings of BackupKit audits.");

    private readonly IBackupClient _client;
    private readonly AuditOptions _options;
    private readonly IRestoreVerificationHistory? _history;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a live audit of the account and Region <paramref name="client"/> is bound to.</summary>
    /// <param name="client">The AWS Backup client.</param>
    /// <param name="options">Audit options, or <see langword="null"/> for the defaults.</param>
    /// <param name="verificationHistory">Restore verifications beside the restore jobs, or <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock ages are measured with; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">A logger, or <see langword="null"/>.</param>
    public LiveAudit(IBackupClient client, AuditOptions? options = null, IRestoreVerificationHistory? verificationHistory = null, TimeProvider? timeProvider = null, ILogger<LiveAudit>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new AuditOptions();
        _history = verificationHistory;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Evaluates every control of <paramref name="declared"/>'s frameworks against the account, and compares the
    /// verdicts with the offline audit of <paramref name="declared"/>.
    /// </summary>
    /// <param name="declared">The posture: its frameworks are evaluated; its plans and vaults are what the account should hold.</param>
    /// <param name="inventory">The account's resources (ARNs and tags) for coverage, or <see langword="null"/> to audit the resources that have recovery points.</param>
    /// <param name="cancellationToken">Cancels the audit.</param>
    /// <returns>The live report; <see cref="AuditReport.Drift"/> lists the controls whose verdict differs from the offline one and the objects that changed.</returns>
    public async Task<AuditReport> EvaluateAsync(BackupPosture declared, IEnumerable<InventoryResource>? inventory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(declared);
        using var activity = BackupKitTelemetry.ActivitySource.StartActivity("BackupKit.Audit", ActivityKind.Internal);
        var now = _timeProvider.GetUtcNow();
        var calls = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string operation) => calls[operation] = calls.GetValueOrDefault(operation) + 1;

        var controls = declared.Frameworks.SelectMany(f => f.Controls).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var needsPoints = controls.Overlaps([
            AuditControlRules.RecoveryPointMinimumRetention, AuditControlRules.RecoveryPointEncrypted, AuditControlRules.LastRecoveryPointCreated,
            AuditControlRules.ResourcesInLogicallyAirGappedVault, AuditControlRules.ResourcesProtectedByCrossRegion, AuditControlRules.ResourcesProtectedByCrossAccount]);
        var needsCopies = controls.Contains(AuditControlRules.ResourcesProtectedByCrossRegion) || controls.Contains(AuditControlRules.ResourcesProtectedByCrossAccount);
        var needsRestores = controls.Contains(AuditControlRules.RestoreTimeMeetsTarget) || declared.RestoreTestingPlans.Count > 0;
        var needsPolicies = controls.Contains(AuditControlRules.RecoveryPointManualDeletionDisabled);

        // Vaults, with their policies when a control reads them.
        var vaults = new List<BackupVaultListMember>();
        string? token = null;
        do
        {
            Count("ListBackupVaults");
            var page = await _client.ListBackupVaultsAsync(new ListBackupVaultsInput { MaxResults = PageSize, NextToken = token }, cancellationToken).ConfigureAwait(false);
            vaults.AddRange(page.BackupVaultList ?? []);
            token = page.NextToken;
        }
        while (token is not null);

        var liveVaults = new List<BackupVault>(vaults.Count);
        foreach (var vault in vaults)
        {
            string? policy = null;
            if (needsPolicies)
            {
                Count("GetBackupVaultAccessPolicy");
                try
                {
                    policy = (await _client.GetBackupVaultAccessPolicyAsync(new GetBackupVaultAccessPolicyInput { BackupVaultName = vault.BackupVaultName }, cancellationToken).ConfigureAwait(false)).Policy;
                }
                catch (ResourceNotFoundException)
                {
                    policy = null;
                }
            }

            liveVaults.Add(ToModel(vault, policy));
        }

        // Plans and their selections, as the account holds them now.
        var livePlans = new List<BackupPlan>();
        token = null;
        do
        {
            Count("ListBackupPlans");
            var page = await _client.ListBackupPlansAsync(new ListBackupPlansInput { MaxResults = PageSize, NextToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var member in page.BackupPlansList ?? [])
            {
                Count("GetBackupPlan");
                var plan = await _client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = member.BackupPlanId }, cancellationToken).ConfigureAwait(false);
                var selections = new List<BackupSelection>();
                string? selectionToken = null;
                do
                {
                    Count("ListBackupSelections");
                    var selectionPage = await _client.ListBackupSelectionsAsync(new ListBackupSelectionsInput { BackupPlanId = member.BackupPlanId, MaxResults = PageSize, NextToken = selectionToken }, cancellationToken).ConfigureAwait(false);
                    foreach (var selection in selectionPage.BackupSelectionsList ?? [])
                    {
                        Count("GetBackupSelection");
                        selections.Add(PostureMapping.ToModel(await _client.GetBackupSelectionAsync(
                            new GetBackupSelectionInput { BackupPlanId = member.BackupPlanId, SelectionId = selection.SelectionId }, cancellationToken).ConfigureAwait(false)));
                    }

                    selectionToken = selectionPage.NextToken;
                }
                while (selectionToken is not null);

                // Plan tags matter only to tag-scoped plan controls; the declared plan's tags stand in for them (no ListTags per plan).
                var tags = declared.FindPlan(member.BackupPlanName ?? string.Empty)?.Tags;
                livePlans.Add(PostureMapping.ToModel(plan, tags, selections));
            }

            token = page.NextToken;
        }
        while (token is not null);

        var live = new BackupPosture { Vaults = new ValueList<BackupVault>(liveVaults), Plans = new ValueList<BackupPlan>(livePlans), Frameworks = declared.Frameworks, RestoreTestingPlans = declared.RestoreTestingPlans };
        var inventoryList = inventory?.ToList();

        // Evidence: recovery points per vault, copy jobs, restore jobs.
        var evidence = new Dictionary<string, ResourceEvidence>(StringComparer.Ordinal);
        ResourceEvidence For(string arn, string? type)
        {
            if (!evidence.TryGetValue(arn, out var e))
            {
                evidence[arn] = e = new ResourceEvidence(arn, type ?? ResourceArns.ResourceTypeOf(arn));
            }

            return e;
        }

        var pointCreated = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (needsPoints)
        {
            foreach (var vault in vaults)
            {
                token = null;
                do
                {
                    Count("ListRecoveryPointsByBackupVault");
                    var page = await _client.ListRecoveryPointsByBackupVaultAsync(
                        new ListRecoveryPointsByBackupVaultInput { BackupVaultName = vault.BackupVaultName, MaxResults = PageSize, NextToken = token }, cancellationToken).ConfigureAwait(false);
                    foreach (var point in page.RecoveryPoints ?? [])
                    {
                        if (point.ResourceArn is null || point.RecoveryPointArn is null || point.CreationDate is not { } created ||
                            (point.Status is { } status && status != RecoveryPointStatus.COMPLETED && status != RecoveryPointStatus.AVAILABLE))
                        {
                            continue;
                        }

                        pointCreated[point.RecoveryPointArn] = created;
                        For(point.ResourceArn, point.ResourceType).RecoveryPoints.Add(new RecoveryPointEvidence(
                            point.RecoveryPointArn,
                            vault.BackupVaultName ?? string.Empty,
                            created,
                            point.Lifecycle?.DeleteAfterDays,
                            point.IsEncrypted == true,
                            point.EncryptionKeyType == EncryptionKeyType.CUSTOMER_MANAGED_KMS_KEY || (point.EncryptionKeyType is null && IsCustomerKey(point.EncryptionKeyArn)),
                            vault.VaultType == VaultType.LOGICALLY_AIR_GAPPED_BACKUP_VAULT));
                    }

                    token = page.NextToken;
                }
                while (token is not null);
            }
        }

        if (needsCopies)
        {
            token = null;
            do
            {
                Count("ListCopyJobs");
                var page = await _client.ListCopyJobsAsync(new ListCopyJobsInput { ByState = CopyJobState.COMPLETED, MaxResults = PageSize, NextToken = token }, cancellationToken).ConfigureAwait(false);
                foreach (var job in page.CopyJobs ?? [])
                {
                    if (job.ResourceArn is null || job.DestinationBackupVaultArn is null)
                    {
                        continue;
                    }

                    var sourceCreated = job.SourceRecoveryPointArn is { } source && pointCreated.TryGetValue(source, out var c) ? c : job.CreationDate ?? now;
                    For(job.ResourceArn, job.ResourceType).Copies.Add((sourceCreated, job.DestinationBackupVaultArn));
                }

                token = page.NextToken;
            }
            while (token is not null);
        }

        var lastVerified = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (needsRestores)
        {
            token = null;
            do
            {
                Count("ListRestoreJobs");
                var page = await _client.ListRestoreJobsAsync(new ListRestoreJobsInput { ByStatus = RestoreJobStatus.COMPLETED, MaxResults = PageSize, NextToken = token }, cancellationToken).ConfigureAwait(false);
                foreach (var job in page.RestoreJobs ?? [])
                {
                    if (job.SourceResourceArn is { } arn && job.CreationDate is { } started && job.CompletionDate is { } done)
                    {
                        For(arn, job.ResourceType).Restores.Add((done, done - started));
                        lastVerified[arn] = lastVerified.TryGetValue(arn, out var previous) && previous > done ? previous : done;
                    }
                }

                token = page.NextToken;
            }
            while (token is not null);

            if (_history is not null)
            {
                await foreach (var record in _history.ReadAsync(now - _options.MaxVerificationAge * 4, cancellationToken).ConfigureAwait(false))
                {
                    if (record.Succeeded)
                    {
                        For(record.ResourceArn, null).Restores.Add((record.CompletedAt, record.RestoreDuration));
                        lastVerified[record.ResourceArn] = lastVerified.TryGetValue(record.ResourceArn, out var previous) && previous > record.CompletedAt ? previous : record.CompletedAt;
                    }
                }
            }
        }

        // Resources of the inventory that a live selection protects are audited even without recovery points.
        foreach (var resource in inventoryList ?? [])
        {
            if (livePlans.Any(p => p.Selections.Any(s => SelectionMatcher.Selects(s, resource))))
            {
                For(resource.Arn, resource.Type);
            }
        }

        var (verdicts, resources) = ControlEvaluator.Evaluate(new EvaluationInput(declared, live, inventoryList, evidence, _options, now));
        var observations = StaleVerification(declared, evidence, lastVerified, now);
        var offline = ControlEvaluator.Evaluate(new EvaluationInput(declared, declared, inventoryList, null, _options, now)).Controls;
        var report = new AuditReport
        {
            Source = "live",
            EvaluatedAt = now,
            Controls = verdicts,
            Resources = resources,
            Observations = observations,
            ApiCalls = calls.Values.Sum(),
            ApiCallsByOperation = calls,
            Drift = Differences(offline, verdicts, declared, live),
        };

        var failing = report.Findings.Count();
        s_findings.Add(failing, new KeyValuePair<string, object?>("backupkit.audit.source", "live"));
        activity?.SetTag("backupkit.audit.controls", verdicts.Count);
        activity?.SetTag("backupkit.audit.findings", failing);
        activity?.SetTag("backupkit.audit.calls", report.ApiCalls);
        Log.AuditCompleted(_logger, verdicts.Count, verdicts.Count(v => v.Status == ComplianceStatus.NonCompliant), resources.Count, report.ApiCalls);
        return report;
    }

    private IReadOnlyList<AuditFinding> StaleVerification(BackupPosture declared, Dictionary<string, ResourceEvidence> evidence, Dictionary<string, DateTimeOffset> lastVerified, DateTimeOffset now)
    {
        var tested = declared.RestoreTestingPlans.SelectMany(p => p.Selections).Select(s => s.ProtectedResourceType).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var findings = new List<AuditFinding>();
        foreach (var resource in evidence.Values.Where(e => e.RecoveryPoints.Count > 0).OrderBy(e => e.Arn, StringComparer.Ordinal))
        {
            var verified = lastVerified.TryGetValue(resource.Arn, out var at) ? at : (DateTimeOffset?)null;
            var expected = verified is not null || (resource.ResourceType is { } type && tested.Contains(type));
            if (expected && (verified is null || now - verified.Value > _options.MaxVerificationAge))
            {
                findings.Add(new AuditFinding
                {
                    Framework = "(verification)",
                    Control = "STALE_RESTORE_VERIFICATION",
                    ObjectKind = "resource",
                    ObjectId = resource.Arn,
                    Reason = verified is null
                        ? "a restore testing plan covers its type but it was never restored successfully"
                        : $"its last successful restore completed {verified:yyyy-MM-dd}, more than {_options.MaxVerificationAge.TotalDays:0} days ago",
                });
            }
        }

        return findings;
    }

    /// <summary>Controls whose offline and live verdicts differ, with the declared objects that differ from the live ones.</summary>
    private static IReadOnlyList<VerdictDifference> Differences(IReadOnlyList<ControlVerdict> offline, IReadOnlyList<ControlVerdict> live, BackupPosture declared, BackupPosture account)
    {
        var differences = new List<VerdictDifference>();
        for (var i = 0; i < Math.Min(offline.Count, live.Count); i++)
        {
            var (o, l) = (offline[i], live[i]);
            if (o.Status == ComplianceStatus.NotEvaluated || l.Status == ComplianceStatus.NotEvaluated || o.Status == l.Status)
            {
                continue;
            }

            var drifted = new List<string>();
            foreach (var plan in declared.Plans)
            {
                var livePlan = account.FindPlan(plan.Name);
                if (livePlan is null)
                {
                    drifted.Add($"plan {plan.Name}: missing from the account");
                    continue;
                }

                foreach (var rule in plan.Rules)
                {
                    var liveRule = livePlan.Rules.FirstOrDefault(r => r.Name == rule.Name);
                    if (liveRule is null)
                    {
                        drifted.Add($"plan {plan.Name}: rule {rule.Name} missing");
                    }
                    else if (PlanFacts.RetentionDays(rule) != PlanFacts.RetentionDays(liveRule))
                    {
                        drifted.Add($"plan {plan.Name}: rule {rule.Name} retention {Days(PlanFacts.RetentionDays(rule))} declared, {Days(PlanFacts.RetentionDays(liveRule))} live");
                    }
                    else if (!rule.CopyActions.Select(c => c.DestinationVaultArn).SequenceEqual(liveRule.CopyActions.Select(c => c.DestinationVaultArn)))
                    {
                        drifted.Add($"plan {plan.Name}: rule {rule.Name} copies to [{string.Join(", ", rule.CopyActions.Select(c => c.DestinationVaultArn))}] declared, [{string.Join(", ", liveRule.CopyActions.Select(c => c.DestinationVaultArn))}] live");
                    }
                    else if (PlanFacts.IntervalOf(rule) != PlanFacts.IntervalOf(liveRule))
                    {
                        drifted.Add($"plan {plan.Name}: rule {rule.Name} schedule {rule.Schedule?.CronExpression} declared, {liveRule.Schedule?.CronExpression} live");
                    }
                }

                if (plan.Selections.Count != livePlan.Selections.Count)
                {
                    drifted.Add($"plan {plan.Name}: {plan.Selections.Count} selection(s) declared, {livePlan.Selections.Count} live");
                }
            }

            foreach (var vault in declared.Vaults)
            {
                var liveVault = account.FindVault(vault.Name);
                if (liveVault is null)
                {
                    drifted.Add($"vault {vault.Name}: missing from the account");
                }
                else if (vault.Lock?.MinRetention != liveVault.Lock?.MinRetention || vault.Lock?.MaxRetention != liveVault.Lock?.MaxRetention)
                {
                    drifted.Add($"vault {vault.Name}: lock {vault.Lock?.MinRetention}..{vault.Lock?.MaxRetention} declared, {liveVault.Lock?.MinRetention}..{liveVault.Lock?.MaxRetention} live");
                }
            }

            if (drifted.Count == 0)
            {
                drifted.Add("no declared object changed: the live evidence (recovery points, copies, restores) differs from what the plans promise; see the findings");
            }

            differences.Add(new VerdictDifference(o.Framework, o.Control.Name, o.Status, l.Status, drifted));
        }

        return differences;

        static string Days(long? days) => days is null ? "forever" : days + " days";
    }

    private static BackupVault ToModel(BackupVaultListMember vault, string? policy)
    {
        var airGapped = vault.VaultType == VaultType.LOGICALLY_AIR_GAPPED_BACKUP_VAULT;
        return new BackupVault
        {
            Name = vault.BackupVaultName ?? string.Empty,
            EncryptionKeyArn = vault.EncryptionKeyType == EncryptionKeyType.CUSTOMER_MANAGED_KMS_KEY || (vault.EncryptionKeyType is null && IsCustomerKey(vault.EncryptionKeyArn)) ? vault.EncryptionKeyArn : null,
            AccessPolicy = policy,
            Lock = !airGapped && vault.Locked == true ? VaultLock.FromExisting(Days(vault.MinRetentionDays), Days(vault.MaxRetentionDays), null) : null,
            LogicallyAirGapped = airGapped
                ? new LogicallyAirGappedSettings { MinRetention = Days(vault.MinRetentionDays) ?? Retention.Days(0), MaxRetention = Days(vault.MaxRetentionDays) ?? Retention.Days(0) }
                : null,
        };

        static Retention? Days(long? days) => days is { } d ? Retention.Days(d) : null;
    }

    // Without a key type, an alias/aws/backup key is AWS-managed; any other key ARN is the customer's.
    private static bool IsCustomerKey(string? keyArn) => keyArn is not null && !keyArn.Contains("alias/aws/", StringComparison.Ordinal);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3200, EventName = "AuditCompleted", Level = LogLevel.Information,
            Message = "Live audit: {Controls} control(s) evaluated, {Failing} failing, {Resources} resource(s), {Calls} AWS Backup call(s)")]
        public static partial void AuditCompleted(ILogger logger, int controls, int failing, int resources, int calls);
    }
}
