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
/// Reports the rules of the rules table that span a whole posture, on the fluent chain that ends in
/// <c>Build()</c>: a vault, plan, rule or selection name declared twice (BK1105), and a rule whose constant
/// <c>InVault("name")</c> names no vault of the posture (BK4008). Unknown vaults are only reported when the chain
/// starts at <c>BackupPosture.Create()</c> (or <c>new BackupPostureBuilder()</c>) and every vault name is a constant.
/// A rule whose constant retention falls outside the range its vault's constant Vault Lock or air-gapped settings
/// enforce is reported as BK7001, and a copy whose constant retention (its own, or the rule's) falls outside the
/// range of its destination vault (matched by the name in the constant ARN) as BK7002. A vault whose own range is
/// wrong (BK6004 to BK6008) is left out of both: one mistake, one finding.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = BackupKitRulesAnalyzer.HostsThisRule)]
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
        var calls = PostureChain.CallsBefore(invocation, symbols, out var receiver);
        var isWholePosture =
            (receiver is IObjectCreationOperation creation && SymbolEqualityComparer.Default.Equals(creation.Type, symbols.PostureBuilder) ||
             receiver is IInvocationOperation { TargetMethod.Name: "Create" } factory && BackupKitSymbols.IsOn(factory.TargetMethod, symbols.Posture)) &&
            calls.TrueForAll(static call => call.TargetMethod.Name is "AddVault" or "AddPlan" or "AddRestoreTestingPlan" or "AddFramework" or "AddReportPlan");

        var vaults = Names(calls, "AddVault", out var allVaultNamesKnown);
        ReportDuplicates(context, vaults, "Backup vault", "an account and Region");
        ReportDuplicates(context, Names(calls, "AddPlan", out _), "Backup plan", "an account and Region");
        ReportDuplicates(context, Names(calls, "AddRestoreTestingPlan", out _), "Restore testing plan", "an account and Region");

        var declaredVaults = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var vault in vaults)
        {
            declaredVaults.Add(vault.Name);
        }

        var ranges = PostureChain.EnforcedRanges(calls, symbols);

        foreach (var addPlan in calls)
        {
            if (addPlan.TargetMethod.Name != "AddPlan" || !PostureChain.TryGetName(addPlan, out var planName, out _))
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

        if (PostureChain.TargetVaultCall(rule) is not { } target ||
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

            if (PostureChain.TryGetName(call, out var name, out var argument))
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
