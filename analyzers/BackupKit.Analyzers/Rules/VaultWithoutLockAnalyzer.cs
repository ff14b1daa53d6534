using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// BK1003: a backup vault declared without Vault Lock. A logically air-gapped vault is locked by AWS itself (and may
/// not carry a Vault Lock, BK6009), so it is not reported.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class VaultWithoutLockAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        RuleViolationReporter.Descriptors(RuleIds.VaultWithoutLock);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) => symbols.VaultBuilder is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        if (FluentConfiguration.ReadDeclaration(invocation, "AddVault", symbols.PostureBuilder, symbols.VaultBuilder) is not { } vault)
        {
            return;
        }

        var violations = RecommendationRules.CheckVaultLocked(
            FluentConfiguration.ConstantName(invocation),
            hasLock: vault.HasCall("Lock"),
            isLogicallyAirGapped: vault.HasCall("LogicallyAirGapped"));
        RuleViolationReporter.Report(context, violations, NameLocation.Of(invocation));
    }
}
