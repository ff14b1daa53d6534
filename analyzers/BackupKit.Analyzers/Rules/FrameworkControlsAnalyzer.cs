using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// Reports BK9101 at compile time: on the fluent chain that ends in <c>Build()</c>, a rule whose constant retention is
/// shorter than a control of a framework declared in the same chain requires
/// (<c>BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK</c>, <c>BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK</c>),
/// for example a framework requiring 35 days next to a rule that keeps 7. Only unscoped controls written as
/// <c>Require(AuditControl.Factory(constants))</c> inside complete configuration lambdas are read, so every report is one
/// <c>Validate()</c> makes with the same id and message.
/// </summary>
/// <remarks>
/// Cost: the base analyzer skips every invocation whose name is not a BackupKit method; this one then returns at once
/// unless the invocation is <c>Build()</c> on the posture builder, and reads the chain only when it adds a framework.
/// </remarks>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
public sealed class FrameworkControlsAnalyzer : BackupKitAnalyzer
{
    private const long DefaultRequiredRetentionDays = 35;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(RuleIds.PlanFailsFrameworkControl, RuleIds.ControlParameter);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) => symbols.PlanBuilder is not null && symbols.RuleBuilder is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        if (IsControlFactory(invocation, symbols))
        {
            CheckControlArguments(context, invocation, symbols);
            return;
        }

        if (invocation.TargetMethod.Name != "Build" || !BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.PostureBuilder))
        {
            return;
        }

        var calls = new List<IInvocationOperation>();
        var hasFramework = false;
        var receiver = invocation.Instance;
        while (receiver is IInvocationOperation call && BackupKitSymbols.IsOn(call.TargetMethod, symbols.PostureBuilder))
        {
            calls.Add(call);
            hasFramework |= call.TargetMethod.Name == "AddFramework";
            receiver = call.Instance;
        }

        if (!hasFramework)
        {
            return;
        }

        calls.Reverse();
        var controls = new List<RetentionControl>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var call in calls)
        {
            if (call.TargetMethod.Name == "AddFramework" && call.Arguments.Length == 2 && ReadName(call) is { } framework)
            {
                ReadControls(call, framework, symbols, controls);
            }
        }

        // Validate() reports a control declared twice in one framework once.
        controls.RemoveAll(c => !seen.Add(c.Framework + "\n" + c.Text));

        if (controls.Count == 0)
        {
            return;
        }

        foreach (var addPlan in calls)
        {
            if (addPlan.TargetMethod.Name != "AddPlan" || ReadName(addPlan) is not { } planName)
            {
                continue;
            }

            var plan = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(addPlan, symbols.PlanBuilder), symbols.PlanBuilder);
            foreach (var addRule in plan.CallsTo("AddRule"))
            {
                if (ReadName(addRule) is not { } ruleName)
                {
                    continue;
                }

                var rule = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(addRule, symbols.RuleBuilder), symbols.RuleBuilder);
                if (LifecycleReplay.Read(rule, symbols) is not { Delete.IsKnown: true } lifecycle)
                {
                    continue;
                }

                // Days kept by the rule (null: forever), and where a finding about them is shown.
                var ruleDays = lifecycle.Delete.Days;
                var ruleLocation = lifecycle.Delete.Call is { Arguments.Length: 1 } deleteCall ? deleteCall.Arguments[0].Value.Syntax.GetLocation() : null;
                foreach (var control in controls)
                {
                    if (ruleDays is { } days && ruleLocation is not null && days < control.RequiredDays)
                    {
                        var reason = control.Name == AuditControlRules.PlanMinFrequencyAndMinRetention
                            ? AuditControlRules.PlanRetentionReason(ruleName, days, control.RequiredDays)
                            : AuditControlRules.RecoveryPointRetentionReason(ruleName, days, control.RequiredDays);
                        RuleViolationReporter.Report(context, AuditControlRules.PlanFailsControl(planName, control.Name, control.Text, control.Framework, reason), ruleLocation);
                    }

                    if (control.Name == AuditControlRules.RecoveryPointMinimumRetention)
                    {
                        CheckCopies(context, rule, symbols, planName, ruleName, ruleDays, ruleLocation, control);
                    }
                }
            }
        }
    }

    // Copies keep their own DeleteAfter, or the rule's when they set none; Validate() judges each against the control.
    private static void CheckCopies(
        SyntaxNodeAnalysisContext context,
        FluentConfiguration rule,
        BackupKitSymbols symbols,
        string planName,
        string ruleName,
        long? ruleDays,
        Location? ruleLocation,
        RetentionControl control)
    {
        foreach (var copyTo in rule.CallsTo("CopyTo"))
        {
            if (copyTo.Arguments.Length == 0 || !ConstantValues.TryGetString(copyTo.Arguments[0].Value, out var destination) || destination is null)
            {
                continue;
            }

            var copy = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(copyTo, symbols.CopyActionBuilder), symbols.CopyActionBuilder);
            RetentionCall delete;
            if (copy.Lambda is null && copy.IsComplete)
            {
                delete = RetentionCall.Unset;
            }
            else if (LifecycleReplay.Read(copy, symbols) is { Delete.IsKnown: true } copyLifecycle)
            {
                delete = copyLifecycle.Delete;
            }
            else
            {
                continue;
            }

            var days = delete.Days ?? ruleDays;
            var location = delete.Call is { Arguments.Length: 1 } call ? call.Arguments[0].Value.Syntax.GetLocation() : ruleLocation;
            if (days is { } kept && location is not null && kept < control.RequiredDays)
            {
                RuleViolationReporter.Report(
                    context,
                    AuditControlRules.PlanFailsControl(planName, control.Name, control.Text, control.Framework, AuditControlRules.CopyRetentionReason(ruleName, destination, kept, control.RequiredDays)),
                    location);
            }
        }
    }

    private static bool IsControlFactory(IInvocationOperation invocation, BackupKitSymbols symbols) =>
        invocation.Instance is null &&
        invocation.TargetMethod.ContainingType is { Name: "AuditControl" } controlType &&
        SymbolEqualityComparer.Default.Equals(controlType.ContainingNamespace, symbols.Posture?.ContainingNamespace);

    // BK9005 on the constant arguments of AuditControl factories that turn a duration or a principal list into
    // parameters, with the parameters the factory writes and the rules table's own check.
    private static void CheckControlArguments(SyntaxNodeAnalysisContext context, IInvocationOperation factory, BackupKitSymbols symbols)
    {
        string control, argumentName, unitName, valueName;
        switch (factory.TargetMethod.Name)
        {
            case "BackupPlanMinFrequencyAndMinRetention":
                (control, argumentName, unitName, valueName) = (AuditControlRules.PlanMinFrequencyAndMinRetention, "frequency", AuditControlRules.RequiredFrequencyUnit, AuditControlRules.RequiredFrequencyValue);
                break;
            case "LastRecoveryPointCreated":
                (control, argumentName, unitName, valueName) = (AuditControlRules.LastRecoveryPointCreated, "maxAge", AuditControlRules.RecoveryPointAgeUnit, AuditControlRules.RecoveryPointAgeValue);
                break;
            case "ResourcesInLogicallyAirGappedVault":
                (control, argumentName, unitName, valueName) = (AuditControlRules.ResourcesInLogicallyAirGappedVault, "maxAge", AuditControlRules.RecoveryPointAgeUnit, AuditControlRules.RecoveryPointAgeValue);
                break;
            default:
                return;
        }

        if (FluentConfiguration.Argument(factory, argumentName) is not { } argument || IsDefault(argument) ||
            !ConstantValues.TryGetTimeSpan(argument.Value, symbols, out var interval))
        {
            return;
        }

        var (unit, value) = AuditControlRules.IntervalParameter(interval);
        var parameters = new[] { new KeyValuePair<string, string>(unitName, unit), new KeyValuePair<string, string>(valueName, value) };
        RuleViolationReporter.Report(context, AuditControlRules.CheckControl(control, parameters, 0, 0, 0), argument.Value.Syntax.GetLocation());
    }

    // The retention controls of one AddFramework("name", f => f.Require(AuditControl.X(...))...) whose values are all known.
    private static void ReadControls(IInvocationOperation addFramework, string framework, BackupKitSymbols symbols, List<RetentionControl> controls)
    {
        var builderType = (addFramework.TargetMethod.Parameters[1].Type as INamedTypeSymbol)?.DelegateInvokeMethod?.Parameters is { Length: 1 } parameters
            ? parameters[0].Type as INamedTypeSymbol
            : null;
        var configuration = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(addFramework, builderType), builderType);
        if (!configuration.IsComplete)
        {
            return;
        }

        foreach (var require in configuration.CallsTo("Require"))
        {
            if (require.Arguments.Length != 1 ||
                ConstantValues.Unwrap(require.Arguments[0].Value) is not IInvocationOperation { Instance: null } factory ||
                factory.TargetMethod.ContainingType is not { Name: "AuditControl" } controlType ||
                !SymbolEqualityComparer.Default.Equals(controlType.ContainingNamespace, symbols.Posture?.ContainingNamespace))
            {
                continue;
            }

            switch (factory.TargetMethod.Name)
            {
                case "BackupPlanMinFrequencyAndMinRetention":
                    if (TryReadFrequency(FluentConfiguration.Argument(factory, "frequency"), symbols, out var unit, out var value) &&
                        TryReadRetention(FluentConfiguration.Argument(factory, "retention"), symbols, out var required))
                    {
                        controls.Add(new RetentionControl(framework, AuditControlRules.PlanMinFrequencyAndMinRetention, required, string.Format(
                            CultureInfo.InvariantCulture,
                            "{0}({1}={2}, {3}={4}, {5}={6})",
                            AuditControlRules.PlanMinFrequencyAndMinRetention,
                            AuditControlRules.RequiredFrequencyUnit,
                            unit,
                            AuditControlRules.RequiredFrequencyValue,
                            value,
                            AuditControlRules.RequiredRetentionDays,
                            required)));
                    }

                    break;
                case "RecoveryPointMinimumRetention":
                    if (TryReadRetention(FluentConfiguration.Argument(factory, "retention"), symbols, out var minimum))
                    {
                        controls.Add(new RetentionControl(framework, AuditControlRules.RecoveryPointMinimumRetention, minimum, string.Format(
                            CultureInfo.InvariantCulture, "{0}({1}={2})", AuditControlRules.RecoveryPointMinimumRetention, AuditControlRules.RequiredRetentionDays, minimum)));
                    }

                    break;
            }
        }
    }

    // A retention argument: omitted or null (the 35-day default) or Retention.Days/Weeks/Years(constant) in AWS's range.
    private static bool TryReadRetention(IArgumentOperation? argument, BackupKitSymbols symbols, out long days)
    {
        days = DefaultRequiredRetentionDays;
        if (argument is null)
        {
            return false;
        }

        if (IsDefault(argument))
        {
            return true;
        }

        return ConstantValues.TryGetRetentionDays(argument.Value, symbols, out days) && days >= 1 && days <= 36500;
    }

    // A frequency argument: omitted or null (1 day) or a constant TimeSpan of whole hours up to 24 or whole days up to 31,
    // as the factory turns it into requiredFrequencyUnit and requiredFrequencyValue (other values fail BK9005 first).
    private static bool TryReadFrequency(IArgumentOperation? argument, BackupKitSymbols symbols, out string unit, out long value)
    {
        unit = "days";
        value = 1;
        if (argument is null)
        {
            return false;
        }

        if (IsDefault(argument))
        {
            return true;
        }

        if (!ConstantValues.TryGetTimeSpan(argument.Value, symbols, out var frequency) || frequency <= System.TimeSpan.Zero || frequency.Ticks % System.TimeSpan.TicksPerHour != 0)
        {
            return false;
        }

        if (frequency.Ticks % System.TimeSpan.TicksPerDay == 0)
        {
            value = (long)frequency.TotalDays;
            return value <= 31;
        }

        unit = "hours";
        value = (long)frequency.TotalHours;
        return value <= 24;
    }

    private static bool IsDefault(IArgumentOperation argument) =>
        argument.ArgumentKind == ArgumentKind.DefaultValue || ConstantValues.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: null };

    private static string? ReadName(IInvocationOperation call) =>
        FluentConfiguration.Argument(call, "name") is { } argument && ConstantValues.TryGetString(argument.Value, out var name) ? name : null;

    private sealed class RetentionControl
    {
        public RetentionControl(string framework, string name, long requiredDays, string text)
        {
            Framework = framework;
            Name = name;
            RequiredDays = requiredDays;
            Text = text;
        }

        public string Framework { get; }

        public string Name { get; }

        public long RequiredDays { get; }

        public string Text { get; }
    }
}
