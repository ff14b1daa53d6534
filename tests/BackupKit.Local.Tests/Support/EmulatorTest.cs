using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Local.Tests.Support;

/// <summary>Starts one emulator per test class instance (xunit creates one per test) on a fake clock, and stops it afterwards.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    private BackupEmulator? _emulator;
    private WireCaller? _caller;

    /// <summary>The emulator clock, starting at a fixed instant.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    /// <summary>A caller acting with another access key or region, signing with the emulator clock.</summary>
    internal WireCaller CallerFor(string accessKey = WireCaller.TestAccessKey, string region = WireCaller.TestRegion) =>
        new(Emulator.Endpoint, accessKey, region, Clock);

    protected BackupEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not started.");

    internal WireCaller Caller => _caller ?? throw new InvalidOperationException("The emulator is not started.");

    public async Task InitializeAsync()
    {
        var options = new BackupEmulatorOptions { TimeProvider = Clock };
        Configure(options);
        _emulator = await BackupEmulator.StartAsync(options);
        _caller = new WireCaller(_emulator.Endpoint, clock: Clock);
    }

    public async Task DisposeAsync()
    {
        _caller?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    protected virtual void Configure(BackupEmulatorOptions options)
    {
    }

    internal Task<TOutput> CallAsync<TInput, TOutput>(Wire.Protocol.OperationBinding<TInput, TOutput> operation, TInput input)
        where TInput : class
        where TOutput : class
        => Caller.CallAsync(operation, input);

    internal async Task<AwsErrorResponse> ErrorAsync<TInput, TOutput>(Wire.Protocol.OperationBinding<TInput, TOutput> operation, TInput input)
        where TInput : class
        where TOutput : class
        => await Assert.ThrowsAsync<AwsErrorResponse>(() => Caller.CallAsync(operation, input));

    internal Task<CreateBackupVaultOutput> CreateVaultAsync(string name) =>
        CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = name });

    internal Task<CreateBackupPlanOutput> CreatePlanAsync(string name, string vault = "primary", string? creatorRequestId = null) =>
        CallAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = Plan(name, vault), CreatorRequestId = creatorRequestId });

    internal static BackupPlanInput Plan(string name, string vault = "primary", long deleteAfterDays = 35) => new()
    {
        BackupPlanName = name,
        Rules = [new BackupRuleInput { RuleName = "daily", TargetBackupVaultName = vault, Lifecycle = new Lifecycle { DeleteAfterDays = deleteAfterDays } }],
    };

    internal static BackupSelection Selection(string name = "all-tagged") => new()
    {
        SelectionName = name,
        IamRoleArn = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole",
        ListOfTags = [new Condition { ConditionType = ConditionType.STRINGEQUALS, ConditionKey = "backup", ConditionValue = "daily" }],
    };
}
