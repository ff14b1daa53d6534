using Amazon.Runtime;
using BackupKit.Audit;
using BackupKit.Building;
using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Wire;
using static BackupKit.Model.Retention;

namespace BackupKit.Samples.Quickstart;

/// <summary>The quickstart, as a method the tests can run too.</summary>
public static class QuickstartDemo
{
    /// <summary>The Region of the primary vault and the plan.</summary>
    public const string PrimaryRegion = "us-east-1";

    /// <summary>The Region of the disaster-recovery vault the backups are copied to.</summary>
    public const string DrRegion = "us-west-2";

    /// <summary>
    /// Starts the emulator, declares the posture, validates it, prints the change plan, applies it, applies it again,
    /// checks for drift, repairs a change made behind its back, audits the applied posture offline and live, and shows
    /// what a broken rule looks like.
    /// </summary>
    /// <param name="output">Where to print.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The process exit code: 0 on success.</returns>
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var emulator = await BackupEmulator.StartAsync(cancellationToken: cancellationToken);
        output.WriteLine($"AWS Backup emulator listening on {emulator.Endpoint}");

        // The emulator keeps state per account and Region, taken from the request signature: one client per Region.
        var credentials = new BasicAWSCredentials("AKIDBACKUPKITTEST", "backupkit-test-secret");
        using var primaryClient = new BackupClient(emulator.Endpoint, PrimaryRegion, credentials);
        using var drClient = new BackupClient(emulator.Endpoint, DrRegion, credentials);

        // 1. The disaster-recovery Region: one vault that receives the copies.
        var drPosture = BackupPosture.Create()
            .AddVault("quickstart-dr", v => v
                .Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(400)))
                .Tag("purpose", "disaster-recovery"))
            .Build();
        var drApplier = new PostureApplier(drClient);
        output.WriteLine();
        output.WriteLine($"== {DrRegion}: change plan");
        output.WriteLine(await drApplier.PlanAsync(drPosture, cancellationToken));
        var drResult = await drApplier.ApplyAsync(drPosture, cancellationToken);
        output.WriteLine(drResult);
        var drVaultArn = drResult.Changes.Single(c => c.Kind == PostureObjectKind.Vault).Arn
            ?? throw new InvalidOperationException("The DR vault has no ARN after apply.");

        // 2. The primary Region: a locked vault, daily and monthly rules copied to the DR vault, a tag-based selection.
        var posture = DeclarePrimaryPosture(drVaultArn);
        var findings = posture.Validate();
        output.WriteLine();
        output.WriteLine($"== {PrimaryRegion}: validation: {(findings.Count == 0 ? "no findings" : string.Join(Environment.NewLine, findings))}");

        var applier = new PostureApplier(primaryClient);
        output.WriteLine();
        output.WriteLine($"== {PrimaryRegion}: change plan");
        output.WriteLine(await applier.PlanAsync(posture, cancellationToken));

        output.WriteLine();
        output.WriteLine($"== {PrimaryRegion}: apply");
        var first = await applier.ApplyAsync(posture, cancellationToken);
        output.WriteLine(first);

        output.WriteLine();
        output.WriteLine($"== {PrimaryRegion}: apply again");
        var second = await applier.ApplyAsync(posture, cancellationToken);
        output.WriteLine(second);

        output.WriteLine();
        output.WriteLine($"== {PrimaryRegion}: drift check");
        var drift = await applier.DetectDriftAsync(posture, cancellationToken);
        output.WriteLine(drift);

        // 3. Someone shortens the daily retention in the console: drift detection sees it, apply puts it back.
        output.WriteLine();
        output.WriteLine($"== {PrimaryRegion}: someone changes the daily retention to 7 days in the console");
        await EditDailyRetentionAsync(primaryClient, days: 7, cancellationToken);
        output.WriteLine(await applier.DetectDriftAsync(posture, cancellationToken));
        var repaired = await applier.ApplyAsync(posture, cancellationToken);
        output.WriteLine(repaired);

        // 4. The audit of the applied posture: its framework's controls judged offline (the posture model, before any
        // deploy) and live (the account as it now is); the verdicts agree.
        output.WriteLine();
        output.WriteLine($"== {PrimaryRegion}: audit of framework quickstart_audit (offline = the posture, live = the account)");
        var offline = PostureAudit.Evaluate(posture, Inventory);
        var live = await new LiveAudit(primaryClient).EvaluateAsync(posture, Inventory, cancellationToken);
        foreach (var verdict in offline.Controls)
        {
            var liveStatus = live.Find(verdict.Framework, verdict.Control.Name)?.Status;
            output.WriteLine($"  {verdict.Control.Name,-50} offline {verdict.Status,-12} live {liveStatus}");
        }

        var agree = offline.IsCompliant && live.IsCompliant && live.Drift.Count == 0;
        output.WriteLine($"  {(agree ? "offline and live verdicts agree: compliant" : "offline and live verdicts differ")} ({live.ApiCalls} AWS Backup calls)");

        // 5. What a broken rule looks like: cold storage must come at least 90 days before deletion.
        output.WriteLine();
        output.WriteLine("== A broken rule is refused when built");
        try
        {
            BackupPosture.Create()
                .AddVault("quickstart-primary")
                .AddPlan("broken", p => p
                    .AddRule("too-short", r => r.Daily().InVault("quickstart-primary").MoveToColdStorageAfter(Days(30)).DeleteAfter(Days(30)))
                    .Select("all", s => s.AllResources()))
                .Build();
            output.WriteLine("Unexpected: the broken posture was accepted.");
            return 1;
        }
        catch (BackupPostureValidationException ex)
        {
            output.WriteLine(ex.Message);
        }

        var ok = first.HasChanges && !second.HasChanges && !drift.HasDrift && repaired.Updated.Count == 1 && agree;
        output.WriteLine();
        output.WriteLine(ok ? "Quickstart done: the posture is applied and the second apply changed nothing." : "Quickstart FAILED: the second apply or the drift check found differences.");
        return ok ? 0 : 1;
    }

    /// <summary>Changes the daily rule's retention behind BackupKit's back, as a console user would.</summary>
    private static async Task EditDailyRetentionAsync(IBackupClient client, long days, CancellationToken cancellationToken)
    {
        BackupPlansListMember? plan = null;
        await foreach (var member in client.PaginateListBackupPlans(new ListBackupPlansInput(), cancellationToken))
        {
            plan = member.BackupPlanName == "quickstart-plan" ? member : plan;
        }

        var live = await client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = plan!.BackupPlanId }, cancellationToken);
        var rules = live.BackupPlan!.Rules!.Select(r => new BackupRuleInput
        {
            RuleName = r.RuleName,
            TargetBackupVaultName = r.TargetBackupVaultName,
            ScheduleExpression = r.ScheduleExpression,
            ScheduleExpressionTimezone = r.ScheduleExpressionTimezone,
            StartWindowMinutes = r.StartWindowMinutes,
            CompletionWindowMinutes = r.CompletionWindowMinutes,
            Lifecycle = r.RuleName == "daily" ? new BackupKit.Wire.Lifecycle { DeleteAfterDays = days } : r.Lifecycle,
            CopyActions = r.CopyActions,
        });
        await client.UpdateBackupPlanAsync(
            new UpdateBackupPlanInput { BackupPlanId = plan.BackupPlanId, BackupPlan = new BackupPlanInput { BackupPlanName = live.BackupPlan.BackupPlanName, Rules = [.. rules] } },
            cancellationToken);
    }

    /// <summary>The resources the team's infrastructure code declares (for the coverage control).</summary>
    public static IReadOnlyList<InventoryResource> Inventory { get; } =
    [
        new("arn:aws:dynamodb:us-east-1:000000000000:table/orders", new Dictionary<string, string> { ["backup"] = "prod" }),
        new("arn:aws:rds:us-east-1:000000000000:db:billing", new Dictionary<string, string> { ["backup"] = "prod" }),
    ];

    /// <summary>Declares the primary Region's posture.</summary>
    /// <param name="drVaultArn">The ARN of the disaster-recovery vault in the other Region.</param>
    /// <returns>The posture.</returns>
    public static BackupPosture DeclarePrimaryPosture(string drVaultArn) =>
        BackupPosture.Create()
            .AddVault("quickstart-primary", v => v
                .Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(400)))
                .NotifyTo("arn:aws:sns:us-east-1:000000000000:backup-alerts", BackupVaultEvents.Failures)
                .Tag("team", "platform"))
            .AddPlan("quickstart-plan", p => p
                .AddRule("daily", r => r
                    .Daily(at: new TimeOnly(5, 0))
                    .InVault("quickstart-primary")
                    .StartWithin(TimeSpan.FromHours(1))
                    .CompleteWithin(TimeSpan.FromHours(8))
                    .DeleteAfter(Days(35))
                    .CopyTo(drVaultArn, c => c.DeleteAfter(Days(35))))
                .AddRule("monthly", r => r
                    .Monthly(dayOfMonth: 1)
                    .InVault("quickstart-primary")
                    .MoveToColdStorageAfter(Days(30))
                    .DeleteAfter(Days(365))
                    .CopyTo(drVaultArn, c => c.MoveToColdStorageAfter(Days(30)).DeleteAfter(Days(365))))
                .Select("tagged-prod", s => s
                    .WhereTag("backup", "prod")
                    .Except("arn:aws:dynamodb:us-east-1:000000000000:table/scratch"))
                .Tag("team", "platform"))
            .AddFramework("quickstart_audit", f => f
                .Describe("What the quickstart plan promises")
                .Require(AuditControl.ResourcesProtectedByBackupPlan())
                .Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.FromDays(1), Days(35)))
                .Require(AuditControl.RecoveryPointMinimumRetention(Days(35)))
                .Require(AuditControl.ResourcesProtectedByCrossRegion(DrRegion))
                .Require(AuditControl.ResourcesProtectedByVaultLock(Days(7), Days(400))))
            .Build();
}
