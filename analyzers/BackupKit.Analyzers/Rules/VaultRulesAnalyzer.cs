using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// Reports the vault rules of the rules table on constant arguments: KMS key ARN (BK6001), SNS topic ARN and events
/// (BK6002, BK6003), Vault Lock minimum, maximum, range and cooling-off (BK6004 to BK6007, from a <c>Lock</c>
/// callback or a <c>VaultLock.Governance/Compliance</c> call), air-gapped retention (BK6008) and an air-gapped
/// vault that also declares a lock (BK6009), and principals of <c>DenyRecoveryPointDeletion</c> that are not IAM ARNs (BK6011).
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class VaultRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(
        RuleIds.KmsKeyArn, RuleIds.SnsTopicArn, RuleIds.NotificationEvents, RuleIds.LockMinRetention, RuleIds.LockMaxRetention,
        RuleIds.LockRange, RuleIds.LockChangeableFor, RuleIds.AirGappedRetention, RuleIds.AirGappedWithLock, RuleIds.DeletionExceptionPrincipal);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) => symbols.VaultBuilder is not null && symbols.Retention is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "AddVault" && BackupKitSymbols.IsOn(method, symbols.PostureBuilder))
        {
            CheckAirGappedWithLock(context, invocation, symbols);
            return;
        }

        // The deletion-protection policy, on the vault builder or from VaultAccessPolicies: its excepted principals (BK6011).
        if (method.Name == "DenyRecoveryPointDeletion" && invocation.Arguments.Length == 1 &&
            (BackupKitSymbols.IsOn(method, symbols.VaultBuilder) || method.ContainingType is { Name: "VaultAccessPolicies", ContainingNamespace.Name: "Building" }) &&
            ConstantValues.Unwrap(invocation.Arguments[0].Value) is IArrayCreationOperation { Initializer: { } principals })
        {
            // One finding per principal, on the principal: the rules table judges each value alone.
            foreach (var element in principals.ElementValues)
            {
                if (ConstantValues.TryGetString(element, out var principal))
                {
                    RuleViolationReporter.Report(context, VaultRules.CheckExceptedPrincipals(new[] { principal }), element.Syntax.GetLocation());
                }
            }

            return;
        }

        if (!BackupKitSymbols.IsOn(method, symbols.VaultBuilder) || invocation.Arguments.Length == 0)
        {
            return;
        }

        var first = invocation.Arguments[0].Value;
        switch (method.Name)
        {
            case "EncryptWith" when ConstantValues.TryGetString(first, out var keyArn) && keyArn is not null:
                RuleViolationReporter.Report(context, VaultRules.CheckKmsKeyArn(keyArn), first.Syntax.GetLocation());
                break;
            case "NotifyTo":
                CheckNotifications(context, invocation);
                break;
            case "Lock":
                CheckLock(context, invocation, symbols);
                break;
            case "LogicallyAirGapped" when invocation.Arguments.Length == 2 &&
                                           ConstantValues.TryGetRetentionDays(first, symbols, out var min) &&
                                           ConstantValues.TryGetRetentionDays(invocation.Arguments[1].Value, symbols, out var max):
                foreach (var violation in VaultRules.CheckAirGappedRetention(min, max))
                {
                    var at = violation.Member.EndsWith(".maxRetention", System.StringComparison.Ordinal) ? invocation.Arguments[1].Value
                        : violation.Member.EndsWith(".minRetention", System.StringComparison.Ordinal) ? first
                        : null;
                    RuleViolationReporter.Report(context, violation, at?.Syntax.GetLocation() ?? NameLocation.Of(invocation));
                }

                break;
        }
    }

    private static void CheckNotifications(SyntaxNodeAnalysisContext context, IInvocationOperation invocation)
    {
        if (FluentConfiguration.Argument(invocation, "snsTopicArn") is not { } topicArgument ||
            FluentConfiguration.Argument(invocation, "events") is not { } eventsArgument ||
            !ConstantValues.TryGetString(topicArgument.Value, out var topic) ||
            !TryGetConstantStrings(eventsArgument, out var events))
        {
            return;
        }

        foreach (var violation in VaultRules.CheckNotifications(topic, events))
        {
            var at = violation.RuleId == RuleIds.SnsTopicArn ? topicArgument.Value : eventsArgument.Value;
            RuleViolationReporter.Report(context, violation, at.Syntax.GetLocation());
        }
    }

    private static void CheckLock(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        if (VaultLockReader.Read(invocation, symbols) is not { } bounds)
        {
            return;
        }

        // Unknown bounds are passed as unset: they are never checked.
        foreach (var violation in VaultRules.CheckVaultLock(bounds.Min.Days, bounds.Max.Days, bounds.ChangeableFor.Days))
        {
            var at = violation.Member switch
            {
                "lock.minRetention" => bounds.Min.Value,
                "lock.maxRetention" => bounds.Max.Value,
                "lock.changeableFor" => bounds.ChangeableFor.Value,
                _ => null,
            };
            RuleViolationReporter.Report(context, violation, at?.Syntax.GetLocation() ?? NameLocation.Of(invocation));
        }
    }

    private static void CheckAirGappedWithLock(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        var configuration = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(invocation, symbols.VaultBuilder), symbols.VaultBuilder);
        IInvocationOperation? lockCall = null;
        var airGapped = false;
        foreach (var call in configuration.Calls)
        {
            lockCall = call.TargetMethod.Name == "Lock" ? call : lockCall;
            airGapped |= call.TargetMethod.Name == "LogicallyAirGapped";
        }

        if (lockCall is null || !airGapped ||
            FluentConfiguration.Argument(invocation, "name") is not { } nameArgument ||
            !ConstantValues.TryGetString(nameArgument.Value, out var name) || name is null)
        {
            return;
        }

        RuleViolationReporter.Report(context, VaultRules.CheckAirGappedWithoutLock(name, isAirGapped: true, hasLock: true), NameLocation.Of(lockCall));
    }

    private static bool TryGetConstantStrings(IArgumentOperation argument, out IReadOnlyList<string> values)
    {
        var strings = new List<string>();
        values = strings;
        if (ConstantValues.Unwrap(argument.Value) is not IArrayCreationOperation { Initializer: { } initializer })
        {
            return false;
        }

        foreach (var element in initializer.ElementValues)
        {
            if (!ConstantValues.TryGetString(element, out var text) || text is null)
            {
                return false;
            }

            strings.Add(text);
        }

        return true;
    }
}
