using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// Reads the values of builder arguments that are known at compile time: literals and constants, and the small
/// factory calls users write around them (<c>Retention.Days(35)</c>, <c>TimeSpan.FromMinutes(30)</c>). Anything
/// else is "unknown", and unknown values are never reported.
/// </summary>
internal static class ConstantValues
{
    private const long DaysPerWeek = 7;
    private const long DaysPerYear = 365;

    /// <summary>Reads a constant string (<see langword="null"/> literal included).</summary>
    public static bool TryGetString(IOperation operation, out string? value)
    {
        var constant = Unwrap(operation).ConstantValue;
        if (constant.HasValue && (constant.Value is null || constant.Value is string))
        {
            value = (string?)constant.Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Reads a constant integral number.</summary>
    public static bool TryGetInt64(IOperation operation, out long value)
    {
        var constant = Unwrap(operation).ConstantValue;
        switch (constant.HasValue ? constant.Value : null)
        {
            case int i:
                value = i;
                return true;
            case long l:
                value = l;
                return true;
            case short s:
                value = s;
                return true;
            case byte b:
                value = b;
                return true;
            case uint u:
                value = u;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>Reads a constant number of any numeric type as a double.</summary>
    public static bool TryGetDouble(IOperation operation, out double value)
    {
        var constant = Unwrap(operation).ConstantValue;
        switch (constant.HasValue ? constant.Value : null)
        {
            case double d:
                value = d;
                return true;
            case float f:
                value = f;
                return true;
            case decimal m:
                value = (double)m;
                return true;
            default:
                if (TryGetInt64(operation, out var integral))
                {
                    value = integral;
                    return true;
                }

                value = 0;
                return false;
        }
    }

    /// <summary>Reads a <c>Retention</c> built by <c>Retention.Days/Weeks/Years(constant)</c>, in days.</summary>
    public static bool TryGetRetentionDays(IOperation operation, BackupKitSymbols symbols, out long days)
    {
        days = 0;
        if (Unwrap(operation) is not IInvocationOperation { Arguments.Length: 1 } call ||
            !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, symbols.Retention) ||
            !TryGetInt64(call.Arguments[0].Value, out var amount))
        {
            return false;
        }

        switch (call.TargetMethod.Name)
        {
            case "Days":
                days = amount;
                return true;
            case "Weeks":
                days = amount * DaysPerWeek;
                return true;
            case "Years":
                days = amount * DaysPerYear;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads a <see cref="TimeSpan"/> built by <c>TimeSpan.FromDays/Hours/Minutes/Seconds(constant)</c>.</summary>
    public static bool TryGetTimeSpan(IOperation operation, BackupKitSymbols symbols, out TimeSpan value)
    {
        value = default;
        if (Unwrap(operation) is not IInvocationOperation { Arguments.Length: > 0 } call ||
            !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, symbols.TimeSpan))
        {
            return false;
        }

        // .NET 9 added integral overloads with optional smaller units (FromMinutes(long minutes, long seconds = 0, ...));
        // only the plain single-unit form is read.
        for (var i = 1; i < call.Arguments.Length; i++)
        {
            if (call.Arguments[i].ArgumentKind != ArgumentKind.DefaultValue)
            {
                return false;
            }
        }

        if (!TryGetDouble(call.Arguments[0].Value, out var amount))
        {
            return false;
        }

        try
        {
            switch (call.TargetMethod.Name)
            {
                case "FromDays":
                    value = TimeSpan.FromTicks(checked((long)(amount * TimeSpan.TicksPerDay)));
                    return true;
                case "FromHours":
                    value = TimeSpan.FromTicks(checked((long)(amount * TimeSpan.TicksPerHour)));
                    return true;
                case "FromMinutes":
                    value = TimeSpan.FromTicks(checked((long)(amount * TimeSpan.TicksPerMinute)));
                    return true;
                case "FromSeconds":
                    value = TimeSpan.FromTicks(checked((long)(amount * TimeSpan.TicksPerSecond)));
                    return true;
                default:
                    return false;
            }
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Skips the implicit conversions the compiler wraps around arguments (e.g. int to long, T to T?).</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
