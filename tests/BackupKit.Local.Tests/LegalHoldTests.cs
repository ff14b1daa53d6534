using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class LegalHoldTests : EmulatorTest
{
    private const string Table = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
    private const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";

    private async Task<string> BackUpAsync(string vault)
    {
        await CreateVaultAsync(vault);
        var job = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = vault, ResourceArn = Table, IamRoleArn = Role, Lifecycle = new Lifecycle { DeleteAfterDays = 7 } });
        Clock.Advance(TimeSpan.FromMinutes(11));
        return job.RecoveryPointArn!;
    }

    [Fact]
    public async Task Held_recovery_point_cannot_be_deleted_and_does_not_expire_until_the_hold_is_canceled()
    {
        var held = await BackUpAsync("evidence");
        var free = await BackUpAsync("other");

        var hold = await CallAsync(BackupOperations.CreateLegalHold, new CreateLegalHoldInput
        {
            Title = "litigation",
            Description = "Case 42",
            IdempotencyToken = "hold-1",
            RecoveryPointSelection = new RecoveryPointSelection { VaultNames = ["evidence"] },
        });
        var again = await CallAsync(BackupOperations.CreateLegalHold, new CreateLegalHoldInput { Title = "litigation", Description = "Case 42", IdempotencyToken = "hold-1" });
        var points = await CallAsync(BackupOperations.ListRecoveryPointsByLegalHold, new ListRecoveryPointsByLegalHoldInput { LegalHoldId = hold.LegalHoldId });
        var refused = await ErrorAsync(BackupOperations.DeleteRecoveryPoint, new DeleteRecoveryPointInput { BackupVaultName = "evidence", RecoveryPointArn = held });
        Clock.Advance(TimeSpan.FromDays(10));
        var stillThere = await CallAsync(BackupOperations.DescribeRecoveryPoint, new DescribeRecoveryPointInput { BackupVaultName = "evidence", RecoveryPointArn = held });
        var expired = await ErrorAsync(BackupOperations.DescribeRecoveryPoint, new DescribeRecoveryPointInput { BackupVaultName = "other", RecoveryPointArn = free });

        Assert.Equal(LegalHoldStatus.CREATING, hold.Status);
        Assert.Equal($"arn:aws:backup:us-east-1:000000000000:legal-hold:{hold.LegalHoldId}", hold.LegalHoldArn);
        Assert.Equal(hold.LegalHoldId, again.LegalHoldId);
        Assert.Equal([held], points.RecoveryPoints!.Select(p => p.RecoveryPointArn));
        Assert.Equal("InvalidRequestException", refused.ErrorType);
        Assert.Equal(held, stillThere.RecoveryPointArn);
        Assert.Equal("ResourceNotFoundException", expired.ErrorType);
        Assert.Equal(LegalHoldStatus.ACTIVE, (await CallAsync(BackupOperations.GetLegalHold, new GetLegalHoldInput { LegalHoldId = hold.LegalHoldId })).Status);

        await CallAsync(BackupOperations.CancelLegalHold, new CancelLegalHoldInput { LegalHoldId = hold.LegalHoldId, CancelDescription = "Case closed", RetainRecordInDays = 30 });
        var canceled = await CallAsync(BackupOperations.GetLegalHold, new GetLegalHoldInput { LegalHoldId = hold.LegalHoldId });
        var twice = await ErrorAsync(BackupOperations.CancelLegalHold, new CancelLegalHoldInput { LegalHoldId = hold.LegalHoldId, CancelDescription = "again" });
        var gone = await ErrorAsync(BackupOperations.DescribeRecoveryPoint, new DescribeRecoveryPointInput { BackupVaultName = "evidence", RecoveryPointArn = held });

        Assert.Equal(LegalHoldStatus.CANCELED, canceled.Status);
        Assert.Equal("Case closed", canceled.CancelDescription);
        Assert.Equal(Clock.GetUtcNow().AddDays(30), canceled.RetainRecordUntil);
        Assert.Equal("InvalidResourceStateException", twice.ErrorType);
        Assert.Equal("ResourceNotFoundException", gone.ErrorType);
        Assert.Single((await CallAsync(BackupOperations.ListLegalHolds, new ListLegalHoldsInput())).LegalHolds!);
    }

    [Fact]
    public async Task CancelLegalHold_answers_201_as_the_model_declares()
    {
        var hold = await CallAsync(BackupOperations.CreateLegalHold, new CreateLegalHoldInput { Title = "t", Description = "d" });

        using var response = await Caller.SendAsync(BackupOperations.CancelLegalHold, new CancelLegalHoldInput { LegalHoldId = hold.LegalHoldId, CancelDescription = "done" });

        Assert.Equal(201, (int)response.StatusCode);
    }

    [Fact]
    public async Task Legal_hold_errors()
    {
        var future = await ErrorAsync(BackupOperations.CreateLegalHold, new CreateLegalHoldInput
        {
            Title = "t",
            Description = "d",
            RecoveryPointSelection = new RecoveryPointSelection { DateRange = new DateRange { FromDate = Clock.GetUtcNow(), ToDate = Clock.GetUtcNow().AddDays(1) } },
        });
        var missing = await ErrorAsync(BackupOperations.CreateLegalHold, new CreateLegalHoldInput { Title = "t" });
        var unknown = await ErrorAsync(BackupOperations.GetLegalHold, new GetLegalHoldInput { LegalHoldId = "nope" });

        Assert.Equal("InvalidParameterValueException", future.ErrorType);
        Assert.Equal("MissingParameterValueException", missing.ErrorType);
        Assert.Equal("ResourceNotFoundException", unknown.ErrorType);
    }
}
