using System.Collections.Generic;
using System.Collections.Immutable;
using BackupKit.Analyzers.Internals;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Rules;

/// <summary>
/// Reports the rules of the rules table that span a whole posture, on the fluent chain that ends in
/// <c>Build()</c>: a vault, plan, rule or selection name declared twice (BK1105), and a rule whose constant
/// <c>InVault("name")</c> names no vault of the posture (BK4008). Unknown vaults are only reported when the chain
/// starts at <c>BackupPosture.Create()</c> (or <c>new BackupPostureBuilder()</c>) and every vault name is a constant.
/// A rule whose constant retention falls outside the range its vault's constant Vault Lock or air-gapped settings
/// enforce is reported as BK7001, and a copy whose constant retention (its own, or the rule's) falls outside the
/// range of its destination vault (matched by the name in the constant ARN) as BK7002. A vault whose own range is
/// wrong (BK6004 to BK6008) is left out of both: one mistake, one finding.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PostureRulesAnalyzer : BackupKitAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RuleViolationReporter.Descriptors(
        RuleIds.DuplicateName, RuleIds.UnknownTargetVault, RuleIds.RuleRetentionOutsideVaultLock, RuleIds.CopyRetentionOutsideVaultLock);

    private protected override bool CanAnalyze(BackupKitSymbols symbols) => symbols.PlanBuilder is not null && symbols.RuleBuilder is not null;

    private protected override void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, BackupKitSymbols symbols)
    {
        if (invocation.TargetMethod.Name != "Build" || !BackupKitSymbols.IsOn(invocation.TargetMethod, symbols.PostureBuilder))
        {
            return;
        }

        // Walk the chain back from Build(): posture.AddVault(..).AddPlan(..)...Build().
        var calls = new List<IInvocationOperation>();
        var receiver = invocation.Instance;
        while (receiver is IInvocationOperation call && BackupKitSymbols.IsOn(call.TargetMethod, symbols.PostureBuilder))
        {
            calls.Add(call);
            receiver = call.Instance;
        }

        calls.Reverse();
        var isWholePosture =
            (receiver is IObjectCreationOperation creation && SymbolEqualityComparer.Default.Equals(creation.Type, symbols.PostureBuilder) ||
             receiver is IInvocationOperation { TargetMethod.Name: "Create" } factory && BackupKitSymbols.IsOn(factory.TargetMethod, symbols.Posture)) &&
            calls.TrueForAll(static call => call.TargetMethod.Name is "AddVault" or "AddPlan" or "AddRestoreTestingPlan");

        var vaults = Names(calls, "AddVault", out var allVaultNamesKnown);
        ReportDuplicates(context, vaults, "Backup vault", "an account and Region");
        ReportDuplicates(context, Names(calls, "AddPlan", out _), "Backup plan", "an account and Region");
        ReportDuplicates(context, Names(calls, "AddRestoreTestingPlan", out _), "Restore testing plan", "an account and Region");

        var declaredVaults = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var vault in vaults)
        {
            declaredVaults.Add(vault.Name);
        }

        var ranges = EnforcedRanges(calls, symbols);

        foreach (var addPlan in calls)
        {
            if (addPlan.TargetMethod.Name != "AddPlan" || !TryGetName(addPlan, out var planName, out _))
            {
                continue;
            }

            var plan = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(addPlan, symbols.PlanBuilder), symbols.PlanBuilder);
            var scope = "plan '" + planName + "'";
            ReportDuplicates(context, Names(plan.Calls, "AddRule", out _), "Backup rule", scope);
            ReportDuplicates(context, Names(plan.Calls, "Select", out _), "Backup selection", scope);

            if (isWholePosture && allVaultNamesKnown)
            {
                foreach (var addRule in plan.CallsTo("AddRule"))
                {
                    CheckTargetVault(context, addRule, symbols, declaredVaults, ranges);
                }
            }
        }
    }

    private static void CheckTargetVault(
        SyntaxNodeAnalysisContext context,
        IInvocationOperation addRule,
        BackupKitSymbols symbols,
        HashSet<string> declaredVaults,
        Dictionary<string, EnforcedRange?> ranges)
    {
        var rule = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(addRule, symbols.RuleBuilder), symbols.RuleBuilder);
        if (!rule.IsComplete || !rule.IsStraightLine)
        {
            return;
        }

        CheckCopies(context, rule, symbols, ranges);

        // The last vault choice wins; a preset keeps the vault chosen with InVault.
        IInvocationOperation? target = null;
        foreach (var call in rule.Calls)
        {
            if (call.TargetMethod.Name is "InVault" or "InExistingVault")
            {
                target = call;
            }
        }

        if (target is null || target.TargetMethod.Name != "InVault" ||
            !ConstantValues.TryGetString(target.Arguments[0].Value, out var vaultName) || vaultName is null)
        {
            return;
        }

        RuleViolationReporter.Report(
            context,
            PlanRules.CheckTargetVaultDeclared(vaultName, declaredVaults.Contains(vaultName), isExternal: false),
            target.Arguments[0].Value.Syntax.GetLocation());

        // The retention must fit the range the target vault enforces (BK7001).
        if (ranges.TryGetValue(vaultName, out var range) && range is { } enforced &&
            LifecycleReplay.Read(rule, symbols) is { Delete.IsKnown: true } lifecycle)
        {
            var delete = lifecycle.Delete;
            var location = delete.Call is { Arguments.Length: 1 } call ? call.Arguments[0].Value.Syntax.GetLocation() : NameLocation.Of(addRule);
            RuleViolationReporter.Report(context, RetentionRules.CheckRuleRetention(delete.Days, vaultName, enforced.Min, enforced.Max), location);
        }
    }

    // BK7002: each copy's effective retention (its own delete-after, else the rule's) against its destination's range.
    private static void CheckCopies(SyntaxNodeAnalysisContext context, FluentConfiguration rule, BackupKitSymbols symbols, Dictionary<string, EnforcedRange?> ranges)
    {
        if (LifecycleReplay.Read(rule, symbols) is not { Delete.IsKnown: true } lifecycle)
        {
            return;
        }

        foreach (var copyTo in rule.CallsTo("CopyTo"))
        {
            if (copyTo.Arguments.Length == 0 ||
                !ConstantValues.TryGetString(copyTo.Arguments[0].Value, out var arn) || arn is null ||
                RetentionRules.DestinationVaultName(arn) is not { } vaultName ||
                !ranges.TryGetValue(vaultName, out var range) || range is not { } enforced)
            {
                continue;
            }

            var copy = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(copyTo, symbols.CopyActionBuilder), symbols.CopyActionBuilder);
            long? copyDelete = null;
            IOperation? at = null;
            if (copy.Lambda is not null)
            {
                if (LifecycleReplay.Read(copy, symbols) is not { Delete.IsKnown: true } copyLifecycle)
                {
                    continue;
                }

                copyDelete = copyLifecycle.Delete.Days;
                at = copyLifecycle.Delete.Call is { Arguments.Length: 1 } call ? call.Arguments[0].Value : null;
            }
            else if (!copy.IsComplete)
            {
                continue;
            }

            RuleViolationReporter.Report(
                context,
                RetentionRules.CheckCopyRetention(copyDelete ?? lifecycle.Delete.Days, vaultName, enforced.Min, enforced.Max),
                at?.Syntax.GetLocation() ?? NameLocation.Of(copyTo));
        }
    }

    // The retention range each vault enforces (air-gapped settings, else Vault Lock bounds), for the vaults whose
    // configuration is fully known; a vault without a range maps to null, an unknown one is left out.
    private static Dictionary<string, EnforcedRange?> EnforcedRanges(List<IInvocationOperation> calls, BackupKitSymbols symbols)
    {
        var ranges = new Dictionary<string, EnforcedRange?>(System.StringComparer.Ordinal);
        var duplicates = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var addVault in calls)
        {
            if (addVault.TargetMethod.Name != "AddVault" || !TryGetName(addVault, out var name, out _))
            {
                continue;
            }

            if (ranges.ContainsKey(name) || duplicates.Contains(name))
            {
                duplicates.Add(name);
                ranges.Remove(name);
                continue;
            }

            var vault = FluentConfiguration.Read(FluentConfiguration.ArgumentOfDelegateFor(addVault, symbols.VaultBuilder), symbols.VaultBuilder);
            if (!vault.IsComplete || !vault.IsStraightLine)
            {
                continue;
            }

            IInvocationOperation? lockCall = null;
            IInvocationOperation? airGapped = null;
            foreach (var call in vault.Calls)
            {
                lockCall = call.TargetMethod.Name == "Lock" ? call : lockCall;
                airGapped = call.TargetMethod.Name == "LogicallyAirGapped" ? call : airGapped;
            }

            if (airGapped is not null)
            {
                if (airGapped.Arguments.Length == 2 &&
                    ConstantValues.TryGetRetentionDays(airGapped.Arguments[0].Value, symbols, out var min) &&
                    ConstantValues.TryGetRetentionDays(airGapped.Arguments[1].Value, symbols, out var max))
                {
                    ranges[name] = VaultRules.IsValidEnforcedRange(isLogicallyAirGapped: true, min, max) ? new EnforcedRange(min, max) : null;
                }
            }
            else if (lockCall is null)
            {
                ranges[name] = null;
            }
            else if (VaultLockReader.Read(lockCall, symbols) is { Min.IsKnown: true, Max.IsKnown: true } bounds)
            {
                ranges[name] = bounds.Min.Days is null && bounds.Max.Days is null ||
                               !VaultRules.IsValidEnforcedRange(isLogicallyAirGapped: false, bounds.Min.Days, bounds.Max.Days)
                    ? null
                    : new EnforcedRange(bounds.Min.Days, bounds.Max.Days);
            }
        }

        return ranges;
    }

    private static List<NamedCall> Names(IEnumerable<IInvocationOperation> calls, string method, out bool allKnown)
    {
        var names = new List<NamedCall>();
        allKnown = true;
        foreach (var call in calls)
        {
            if (call.TargetMethod.Name != method)
            {
                continue;
            }

            if (TryGetName(call, out var name, out var argument))
            {
                names.Add(new NamedCall(name, argument));
            }
            else
            {
                allKnown = false;
            }
        }

        return names;
    }

    // One diagnostic per duplicated name, on its second declaration, with the rules table's count and scope.
    private static void ReportDuplicates(SyntaxNodeAnalysisContext context, List<NamedCall> names, string kind, string scope)
    {
        var counts = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var name in names)
        {
            counts[name.Name] = counts.TryGetValue(name.Name, out var count) ? count + 1 : 1;
        }

        var reported = new HashSet<string>(System.StringComparer.Ordinal);
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!seen.Add(name.Name) && reported.Add(name.Name))
            {
                RuleViolationReporter.Report(context, NameRules.CheckUnique(kind, name.Name, counts[name.Name], scope), name.Argument.Syntax.GetLocation());
            }
        }
    }

    private static bool TryGetName(IInvocationOperation call, out string name, out IOperation argument)
    {
        name = string.Empty;
        argument = call;
        if (FluentConfiguration.Argument(call, "name") is { } nameArgument &&
            ConstantValues.TryGetString(nameArgument.Value, out var text) && text is not null)
        {
            name = text;
            argument = nameArgument.Value;
            return true;
        }

        return false;
    }

    private readonly struct EnforcedRange
    {
        public EnforcedRange(long? min, long? max)
        {
            Min = min;
            Max = max;
        }

        public long? Min { get; }

        public long? Max { get; }
    }

    private readonly struct NamedCall
    {
        public NamedCall(string name, IOperation argument)
        {
            Name = name;
            Argument = argument;
        }

        public string Name { get; }

        public IOperation Argument { get; }
    }
}
