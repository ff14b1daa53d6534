using BackupKit.Audit;
using BackupKit.Building;
using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Resilience;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Audit;

/// <summary>
/// An emulated account with an applied posture, a disaster-recovery vault in another Region and a movable clock.
/// The emulator runs the plan's schedule and its copy actions; <see cref="RunCopiesAsync"/> starts any copy it has not
/// started (none once copy actions run), so the tests also hold against an emulator without copy actions.
/// </summary>
internal sealed class AuditedAccount : IAsyncDisposable
{
    public const string Account = "000000000000";
    public const string Orders = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
    public const string Customers = "arn:aws:dynamodb:us-east-1:000000000000:table/customers";
    public const string DrVaultArn = "arn:aws:backup:us-west-2:000000000000:backup-vault:dr";
    private const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";

    private AuditedAccount(FakeTimeProvider clock, BackupEmulator emulator, BackupClient client, BackupClient drClient, BackupPosture posture)
    {
        Clock = clock;
        Emulator = emulator;
        Client = client;
        DrClient = drClient;
        Posture = posture;
    }

    public FakeTimeProvider Clock { get; }

    public BackupEmulator Emulator { get; }

    public BackupClient Client { get; }

    public BackupClient DrClient { get; }

    public BackupPosture Posture { get; }

    /// <summary>The resources as the team's infrastructure code lists them.</summary>
    public static IReadOnlyList<InventoryResource> Inventory { get; } =
    [
        new(Orders, new Dictionary<string, string> { ["backup"] = "prod" }),
        new(Customers, new Dictionary<string, string> { ["backup"] = "prod" }),
    ];

    /// <summary>The posture: a locked vault that denies deletion, a daily rule kept 35 days and copied to us-west-2, a framework of nine controls.</summary>
    public static BackupPosture DeclarePosture(TimeSpan? maxRestoreTime = null) => BackupPosture.Create()
        .AddVault("primary", v => v
            .Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(400)))
            .WithAccessPolicy(VaultAccessPolicies.DenyRecoveryPointDeletion()))
        .AddPlan("prod", p => p
            .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35)).CopyTo(DrVaultArn, c => c.DeleteAfter(Days(35))))
            .Select("tables", s => s.Include(Orders, Customers)))
        .AddFramework("prod_audit", f => f
            .Require(AuditControl.ResourcesProtectedByBackupPlan())
            .Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.FromDays(1), Days(35)))
            .Require(AuditControl.RecoveryPointMinimumRetention(Days(35)))
            .Require(AuditControl.RecoveryPointEncrypted())
            .Require(AuditControl.RecoveryPointManualDeletionDisabled())
            .Require(AuditControl.ResourcesProtectedByCrossRegion("us-west-2"))
            .Require(AuditControl.ResourcesProtectedByVaultLock(Days(7), Days(400)))
            .Require(AuditControl.LastRecoveryPointCreated(TimeSpan.FromDays(1)))
            .Require(AuditControl.RestoreTimeMeetsTarget(maxRestoreTime ?? TimeSpan.FromHours(12))))
        .Build();

    /// <summary>Starts the emulator at 2027-03-01 00:00 UTC and applies the DR vault and the posture.</summary>
    public static async Task<AuditedAccount> StartAsync(BackupPosture? posture = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { TimeProvider = clock });
        var client = Create(emulator, clock, "us-east-1");
        var drClient = Create(emulator, clock, "us-west-2");
        posture ??= DeclarePosture();
        await new PostureApplier(drClient, timeProvider: clock).ApplyAsync(BackupPosture.Create().AddVault("dr", v => v.Lock(l => l.Governance().MinRetention(Days(7)))).Build());
        await new PostureApplier(client, timeProvider: clock).ApplyAsync(posture);
        return new AuditedAccount(clock, emulator, client, drClient, posture);
    }

    public LiveAudit Audit(IRestoreVerificationHistory? history = null) => new(Client, verificationHistory: history, timeProvider: Clock);

    /// <summary>Advances the clock by whole days, one hour at a time so that each day's 05:00 backup runs, copying each new recovery point when asked.</summary>
    public async Task AdvanceDaysAsync(int days, bool copies)
    {
        for (var hour = 0; hour < days * 24; hour++)
        {
            Clock.Advance(TimeSpan.FromHours(1));
            if (copies && Clock.GetUtcNow().Hour == 6)
            {
                await RunCopiesAsync();
            }
        }

        await Client.ListBackupJobsAsync(new ListBackupJobsInput());
    }

    /// <summary>Starts the copy AWS starts after each backup of a rule with a copy action.</summary>
    public async Task RunCopiesAsync()
    {
        var copied = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var job in Client.PaginateListCopyJobs(new ListCopyJobsInput()))
        {
            copied.Add(job.SourceRecoveryPointArn!);
        }

        await foreach (var point in Client.PaginateListRecoveryPointsByBackupVault(new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "primary" }))
        {
            if (copied.Add(point.RecoveryPointArn!))
            {
                await Client.StartCopyJobAsync(new StartCopyJobInput
                {
                    RecoveryPointArn = point.RecoveryPointArn,
                    SourceBackupVaultName = "primary",
                    DestinationBackupVaultArn = DrVaultArn,
                    IamRoleArn = Role,
                    Lifecycle = new BackupKit.Wire.Lifecycle { DeleteAfterDays = 35 },
                    IdempotencyToken = "copy-" + point.RecoveryPointArn!.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }
    }

    /// <summary>Restores the newest recovery point of a resource and waits (emulated time) until the restore completes.</summary>
    public async Task RestoreAsync(string resourceArn)
    {
        RecoveryPointByBackupVault? newest = null;
        await foreach (var point in Client.PaginateListRecoveryPointsByBackupVault(new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "primary", ByResourceArn = resourceArn }))
        {
            newest = newest is null || point.CreationDate > newest.CreationDate ? point : newest;
        }

        var metadata = await Client.GetRecoveryPointRestoreMetadataAsync(new GetRecoveryPointRestoreMetadataInput { BackupVaultName = "primary", RecoveryPointArn = newest!.RecoveryPointArn });
        var restoreMetadata = new Dictionary<string, string>(metadata.RestoreMetadata!) { ["targetTableName"] = "restored-" + Clock.GetUtcNow().Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await Client.StartRestoreJobAsync(new StartRestoreJobInput { RecoveryPointArn = newest.RecoveryPointArn, Metadata = restoreMetadata, IamRoleArn = Role });
        Clock.Advance(TimeSpan.FromMinutes(15));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        DrClient.Dispose();
        await Emulator.DisposeAsync();
    }

    private static BackupClient Create(BackupEmulator emulator, FakeTimeProvider clock, string region) => new(
        new BackupClientOptions { ServiceUrl = emulator.Endpoint, Region = region, Credentials = TestCredentials.Basic, Resilience = TestCredentials.FastResilience() },
        null,
        clock,
        new RetryQuotaRegistry());
}
