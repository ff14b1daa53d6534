using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

/// <summary>.NET's <c>$</c> matches before a final newline; the emulator's name checks must not.</summary>
public sealed class NamePatternTests : EmulatorTest
{
    [Fact]
    public async Task Names_with_a_trailing_newline_are_refused()
    {
        var vault = await ErrorAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "vault\n" });
        var selection = Selection("tagged\n");
        await CreateVaultAsync("primary");
        var plan = await CreatePlanAsync("plan");
        var selectionError = await ErrorAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = selection });
        var role = Selection("role");
        role.IamRoleArn += "\n";
        var roleError = await ErrorAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = role });

        Assert.Equal("InvalidParameterValueException", vault.ErrorType);
        Assert.Equal("InvalidParameterValueException", selectionError.ErrorType);
        Assert.Equal("InvalidParameterValueException", roleError.ErrorType);
    }
}
