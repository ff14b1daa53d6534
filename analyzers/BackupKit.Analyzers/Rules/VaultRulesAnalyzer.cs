using System.Collections.Generic;
using System.Collections.Immutable;
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
/// vault that also declares a lock (BK6009).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VaultRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(
        RuleIds.KmsKeyArn, RuleIds.SnsTopicArn, RuleIds.NotificationEvents, RuleIds.LockMinRetention, RuleIds.LockMaxRetention,
        RuleIds.LockRange, RuleIds.LockChangeableFor, RuleIds.AirGappedRetention, RuleIds.AirGappedWithLock);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, BackupKitSymbols symbols)
    {
        if (symbols.VaultBuilder is not null && symbols.Retention is not null)
        {
            context.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, BackupKitSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name == "AddVault" && BackupKitSymbols.IsOn(method, symbols.PostureBuilder))
        {
            CheckAirGappedWithLock(context, invocation, symbols);
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

    private static void CheckNotifications(OperationAnalysisContext context, IInvocationOperation invocation)
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

    private static void CheckLock(OperationAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        var argument = invocation.Arguments[0];
        var bounds = new LockBounds();
        if (FluentConfiguration.ArgumentOfDelegateFor(invocation, symbols.VaultLockBuilder) is { } callback)
        {
            var configuration = FluentConfiguration.Read(callback, symbols.VaultLockBuilder);
            if (!configuration.IsComplete || configuration.Lambda is null || !configuration.IsStraightLine)
            {
                return;
            }

            foreach (var call in configuration.Calls)
            {
                switch (call.TargetMethod.Name)
                {
                    case "Governance":
                        bounds.ChangeableFor = null;
                        break;
                    case "Compliance":
                        bounds.ChangeableFor = FluentConfiguration.Argument(call, "changeableFor")?.Value;
                        break;
                    case "MinRetention":
                        bounds.Min = call.Arguments[0].Value;
                        break;
                    case "MaxRetention":
                        bounds.Max = call.Arguments[0].Value;
                        break;
                }
            }
        }
        else if (ConstantValues.Unwrap(argument.Value) is IInvocationOperation factory &&
                 BackupKitSymbols.IsOn(factory.TargetMethod, symbols.VaultLock))
        {
            bounds.Min = Explicit(FluentConfiguration.Argument(factory, "minRetention"));
            bounds.Max = Explicit(FluentConfiguration.Argument(factory, "maxRetention"));
            bounds.ChangeableFor = Explicit(FluentConfiguration.Argument(factory, "changeableFor"));
        }
        else
        {
            return;
        }

        // A bound that is set but not constant is unknown and not checked; unset bounds are null.
        long? min = null, max = null, changeableFor = null;
        if (bounds.Min is not null && !TryDays(bounds.Min, symbols, out min))
        {
            bounds.Min = null;
        }

        if (bounds.Max is not null && !TryDays(bounds.Max, symbols, out max))
        {
            bounds.Max = null;
        }

        if (bounds.ChangeableFor is not null && !TryDays(bounds.ChangeableFor, symbols, out changeableFor))
        {
            bounds.ChangeableFor = null;
        }

        foreach (var violation in VaultRules.CheckVaultLock(min, max, changeableFor))
        {
            var at = violation.Member switch
            {
                "lock.minRetention" => bounds.Min,
                "lock.maxRetention" => bounds.Max,
                "lock.changeableFor" => bounds.ChangeableFor,
                _ => null,
            };
            RuleViolationReporter.Report(context, violation, at?.Syntax.GetLocation() ?? NameLocation.Of(invocation));
        }
    }

    private static void CheckAirGappedWithLock(OperationAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
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

    private static IOperation? Explicit(IArgumentOperation? argument) =>
        argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;

    private static bool TryDays(IOperation value, BackupKitSymbols symbols, out long? days)
    {
        var found = ConstantValues.TryGetRetentionDays(value, symbols, out var known);
        days = found ? known : null;
        return found;
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

    private sealed class LockBounds
    {
        public IOperation? Min { get; set; }

        public IOperation? Max { get; set; }

        public IOperation? ChangeableFor { get; set; }
    }
}
