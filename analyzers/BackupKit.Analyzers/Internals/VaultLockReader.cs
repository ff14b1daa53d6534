using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// Reads the bounds of a <c>Lock(...)</c> call on a vault builder, from a <c>Lock(l => ...)</c> callback or a
/// <c>VaultLock.Governance/Compliance(...)</c> argument. Each bound is unset, a constant, or unknown.
/// </summary>
internal sealed class VaultLockReader
{
    private VaultLockReader(Bound min, Bound max, Bound changeableFor)
    {
        Min = min;
        Max = max;
        ChangeableFor = changeableFor;
    }

    public Bound Min { get; }

    public Bound Max { get; }

    public Bound ChangeableFor { get; }

    /// <summary>Reads a <c>Lock</c> call; <see langword="null"/> when its argument cannot be followed.</summary>
    public static VaultLockReader? Read(IInvocationOperation lockCall, BackupKitSymbols symbols)
    {
        if (lockCall.Arguments.Length != 1)
        {
            return null;
        }

        if (FluentConfiguration.ArgumentOfDelegateFor(lockCall, symbols.VaultLockBuilder) is { } callback)
        {
            var configuration = FluentConfiguration.Read(callback, symbols.VaultLockBuilder);
            if (!configuration.IsComplete || configuration.Lambda is null || !configuration.IsStraightLine)
            {
                return null;
            }

            IOperation? min = null, max = null, changeableFor = null;
            foreach (var call in configuration.Calls)
            {
                switch (call.TargetMethod.Name)
                {
                    case "Governance":
                        changeableFor = null;
                        break;
                    case "Compliance":
                        changeableFor = FluentConfiguration.Argument(call, "changeableFor")?.Value;
                        break;
                    case "MinRetention":
                        min = call.Arguments[0].Value;
                        break;
                    case "MaxRetention":
                        max = call.Arguments[0].Value;
                        break;
                }
            }

            return new VaultLockReader(Bound.Of(min, symbols), Bound.Of(max, symbols), Bound.Of(changeableFor, symbols));
        }

        if (ConstantValues.Unwrap(lockCall.Arguments[0].Value) is IInvocationOperation factory &&
            BackupKitSymbols.IsOn(factory.TargetMethod, symbols.VaultLock))
        {
            return new VaultLockReader(
                Bound.Of(Explicit(FluentConfiguration.Argument(factory, "minRetention")), symbols),
                Bound.Of(Explicit(FluentConfiguration.Argument(factory, "maxRetention")), symbols),
                Bound.Of(Explicit(FluentConfiguration.Argument(factory, "changeableFor")), symbols));
        }

        return null;
    }

    private static IOperation? Explicit(IArgumentOperation? argument) =>
        argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;

    /// <summary>One bound: unset (<see cref="Value"/> is <see langword="null"/>), constant days, or unknown.</summary>
    internal readonly struct Bound
    {
        private Bound(IOperation? value, long? days, bool isKnown)
        {
            Value = value;
            Days = days;
            IsKnown = isKnown;
        }

        /// <summary>Gets the argument that set the bound, or <see langword="null"/> when unset.</summary>
        public IOperation? Value { get; }

        /// <summary>Gets the days, or <see langword="null"/> when unset or unknown.</summary>
        public long? Days { get; }

        /// <summary>Gets whether the bound is unset or a constant.</summary>
        public bool IsKnown { get; }

        public static Bound Of(IOperation? value, BackupKitSymbols symbols) =>
            value is null ? new Bound(null, null, isKnown: true)
            : ConstantValues.TryGetRetentionDays(value, symbols, out var days) ? new Bound(value, days, isKnown: true)
            : new Bound(value, null, isKnown: false);
    }
}
