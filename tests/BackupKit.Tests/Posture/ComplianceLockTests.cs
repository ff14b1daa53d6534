using BackupKit.Model;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Posture;

public sealed class ComplianceLockTests
{
    [Fact]
    public void Compliance_mode_requires_the_irreversibility_acknowledgement()
    {
        var builder = BackupPosture.Create();

        var exception = Assert.Throws<ArgumentNullException>(() =>
            builder.AddVault("locked", v => v.Lock(l => l.Compliance(Days(3), acknowledge: null!))));

        Assert.Contains("ComplianceLock.IrreversibleAfterCoolingOff", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => VaultLock.Compliance(Days(3), null!));
    }

    [Fact]
    public void Acknowledged_compliance_lock_is_compliance_mode_with_its_cooling_off()
    {
        var vault = BackupPosture.Create()
            .AddVault("locked", v => v.Lock(l => l
                .Compliance(changeableFor: Days(3), acknowledge: ComplianceLock.IrreversibleAfterCoolingOff)
                .MinRetention(Days(7))
                .MaxRetention(Days(365))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("locked").DeleteAfter(Days(30))))
            .Build()
            .Vaults[0];

        Assert.Equal(VaultLockMode.Compliance, vault.Lock!.Mode);
        Assert.Equal(Days(3), vault.Lock.ChangeableFor);
        Assert.Equal(new RetentionRange(Days(7), Days(365)), vault.EnforcedRetention);
        Assert.Equal(VaultLock.Compliance(Days(3), ComplianceLock.IrreversibleAfterCoolingOff, Days(7), Days(365)), vault.Lock);
    }

    [Fact]
    public void A_lock_is_governance_mode_unless_compliance_is_chosen()
    {
        var governance = VaultLock.Governance(Days(1));

        Assert.Equal(VaultLockMode.Governance, governance.Mode);
        Assert.Null(governance.ChangeableFor);

        var vault = BackupPosture.Create()
            .AddVault("vault", v => v.Lock(l => l.Compliance(Days(3), ComplianceLock.IrreversibleAfterCoolingOff).Governance().MinRetention(Days(1))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("vault").DeleteAfter(Days(1))))
            .Build().Vaults[0];
        Assert.Equal(VaultLockMode.Governance, vault.Lock!.Mode);
    }
}
