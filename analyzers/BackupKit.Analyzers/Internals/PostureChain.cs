using System.Collections.Generic;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// The fluent posture chain <c>BackupPosture.Create().AddVault(..).AddPlan(..)...Build()</c>: its calls in order, and
/// the retention range each of its vaults enforces, so that analyzers and code fixes judge a rule against the vault
/// it writes to in the same way.
/// </summary>
internal static class PostureChain
{
    /// <summary>The posture builder calls before <paramref name="build"/>, first call first.</summary>
    public static List<IInvocationOperation> CallsBefore(IInvocationOperation build, BackupKitSymbols symbols, out IOperation? start)
    {
        var calls = new List<IInvocationOperation>();
        var receiver = build.Instance;
        while (receiver is IInvocationOperation call && BackupKitSymbols.IsOn(call.TargetMethod, symbols.PostureBuilder))
        {
            calls.Add(call);
            receiver = call.Instance;
        }

        calls.Reverse();
        start = receiver;
        return calls;
    }

    /// <summary>
    /// Finds the <c>Build()</c> call of the posture chain that declares <paramref name="inner"/> (an operation inside
    /// one of the chain's configuration lambdas), or <see langword="null"/> when it is not written inside one chain.
    /// </summary>
    public static IInvocationOperation? EnclosingBuild(IOperation inner, BackupKitSymbols symbols)
    {
        IOperation? node = inner.Parent;
        while (node is not null && !(node is IInvocationOperation call && BackupKitSymbols.IsOn(call.TargetMethod, symbols.PostureBuilder)))
        {
            node = node.Parent;
        }

        while (node?.Parent is IInvocationOperation next && ReferenceEquals(next.Instance, node) && BackupKitSymbols.IsOn(next.TargetMethod, symbols.PostureBuilder))
        {
            node = next;
        }

        return node is IInvocationOperation { TargetMethod.Name: "Build" } build ? build : null;
    }

    /// <summary>
    /// The retention range each vault of the chain enforces (air-gapped settings, else Vault Lock bounds), for the
    /// vaults whose configuration is fully known; a vault without a range (or with an invalid one, reported by the
    /// vault rules) maps to <see langword="null"/>, an unknown or twice-declared one is left out.
    /// </summary>
    public static Dictionary<string, EnforcedRange?> EnforcedRanges(List<IInvocationOperation> calls, BackupKitSymbols symbols)
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

    /// <summary>Reads the constant <c>name</c> argument of a call.</summary>
    public static bool TryGetName(IInvocationOperation call, out string name, out IOperation argument)
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

    /// <summary>The last constant <c>InVault("name")</c> of a rule configuration; <see langword="null"/> when unknown or external.</summary>
    public static IInvocationOperation? TargetVaultCall(FluentConfiguration rule)
    {
        // The last vault choice wins; a preset keeps the vault chosen with InVault.
        IInvocationOperation? target = null;
        foreach (var call in rule.Calls)
        {
            if (call.TargetMethod.Name is "InVault" or "InExistingVault")
            {
                target = call;
            }
        }

        return target is { TargetMethod.Name: "InVault" } ? target : null;
    }
}

/// <summary>The retention range a vault enforces; a bound is <see langword="null"/> when the vault leaves it open.</summary>
internal readonly struct EnforcedRange
{
    public EnforcedRange(long? min, long? max)
    {
        Min = min;
        Max = max;
    }

    public long? Min { get; }

    public long? Max { get; }
}
