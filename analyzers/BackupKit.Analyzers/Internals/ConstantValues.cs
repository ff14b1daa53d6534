using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// Reads the values of builder arguments that are known at compile time: literals and constants, the small factory
/// calls users write around them (<c>Retention.Days(35)</c>, <c>TimeSpan.FromMinutes(30)</c>,
/// <c>new TimeSpan(0, 30, 0)</c>, <c>new TimeOnly(5, 0)</c>), and simple helper methods of the same compilation: a
/// method or local function whose body is one expression or one <c>return</c> is read as that expression, with its
/// parameters bound to the caller's arguments (<c>Keep(35)</c> with <c>Retention Keep(int days) =&gt; Retention.Days(days)</c>).
/// Anything else is "unknown", and unknown values are never reported. Only the arguments of BackupKit's builder
/// calls are read, so helper bodies are only looked at from code that declares postures.
/// </summary>
internal static class ConstantValues
{
    private const long DaysPerWeek = 7;
    private const long DaysPerYear = 365;

    // How many helper calls deep a value is followed; deeper helpers are "unknown".
    private const int MaxHelperDepth = 4;

    /// <summary>Reads a constant string (<see langword="null"/> literal included).</summary>
    public static bool TryGetString(IOperation operation, out string? value) => TryGetString(operation, Scope.Root, out value);

    /// <summary>Reads a constant integral number (enum values included).</summary>
    public static bool TryGetInt64(IOperation operation, out long value) => TryGetInt64(operation, Scope.Root, out value);

    /// <summary>Reads a constant number of any numeric type as a double.</summary>
    public static bool TryGetDouble(IOperation operation, out double value) => TryGetDouble(operation, Scope.Root, out value);

    /// <summary>Reads a <c>Retention</c> built by <c>Retention.Days/Weeks/Years(constant)</c>, in days.</summary>
    public static bool TryGetRetentionDays(IOperation operation, BackupKitSymbols symbols, out long days) =>
        TryGetRetentionDays(operation, Scope.Root, symbols, out days);

    /// <summary>
    /// Reads a <see cref="TimeSpan"/> built by <c>TimeSpan.FromDays/Hours/Minutes/Seconds(constant)</c> or
    /// <c>new TimeSpan(...)</c> with constant arguments.
    /// </summary>
    public static bool TryGetTimeSpan(IOperation operation, BackupKitSymbols symbols, out TimeSpan value) =>
        TryGetTimeSpan(operation, Scope.Root, symbols, out value);

    /// <summary>
    /// Reads a time of day built by <c>new TimeOnly(hour, minute[, second[, millisecond[, microsecond]]])</c> with
    /// constant arguments, as the time since midnight.
    /// </summary>
    public static bool TryGetTimeOfDay(IOperation operation, out TimeSpan value)
    {
        value = default;
        var (resolved, scope) = Resolve(operation, Scope.Root);
        if (resolved is not IObjectCreationOperation { Constructor: { } constructor } creation ||
            constructor.ContainingType is not { Name: "TimeOnly", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } ||
            !TryGetIntegers(creation.Arguments, scope, out var parts))
        {
            return false;
        }

        long hour = parts.Length > 1 ? parts[0] : 0, minute = parts.Length > 1 ? parts[1] : 0;
        long second = parts.Length > 2 ? parts[2] : 0, millisecond = parts.Length > 3 ? parts[3] : 0, microsecond = parts.Length > 4 ? parts[4] : 0;
        if (parts.Length == 1)
        {
            value = TimeSpan.FromTicks(parts[0]);
            return parts[0] >= 0 && parts[0] < TimeSpan.TicksPerDay;
        }

        // Out-of-range parts make the constructor throw at run time; that is not a BackupKit rule.
        if (hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59 || millisecond is < 0 or > 999 || microsecond is < 0 or > 999)
        {
            return false;
        }

        value = TimeSpan.FromTicks((((hour * 60 + minute) * 60 + second) * 1000 + millisecond) * TimeSpan.TicksPerMillisecond + microsecond * 10);
        return true;
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

    private static bool TryGetString(IOperation operation, Scope scope, out string? value)
    {
        var constant = Resolve(operation, scope).Operation.ConstantValue;
        if (constant.HasValue && (constant.Value is null || constant.Value is string))
        {
            value = (string?)constant.Value;
            return true;
        }

        value = null;
        return false;
    }

    private static bool TryGetInt64(IOperation operation, Scope scope, out long value)
    {
        var constant = Resolve(operation, scope).Operation.ConstantValue;
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

    private static bool TryGetDouble(IOperation operation, Scope scope, out double value)
    {
        var constant = Resolve(operation, scope).Operation.ConstantValue;
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
                if (TryGetInt64(operation, scope, out var integral))
                {
                    value = integral;
                    return true;
                }

                value = 0;
                return false;
        }
    }

    private static bool TryGetRetentionDays(IOperation operation, Scope scope, BackupKitSymbols symbols, out long days)
    {
        days = 0;
        var (resolved, inner) = Resolve(operation, scope);
        if (resolved is not IInvocationOperation { Arguments.Length: 1 } call ||
            !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, symbols.Retention) ||
            !TryGetInt64(call.Arguments[0].Value, inner, out var amount))
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

    private static bool TryGetTimeSpan(IOperation operation, Scope scope, BackupKitSymbols symbols, out TimeSpan value)
    {
        value = default;
        var (resolved, inner) = Resolve(operation, scope);
        if (resolved is IObjectCreationOperation { Constructor: { } constructor } creation &&
            SymbolEqualityComparer.Default.Equals(constructor.ContainingType, symbols.TimeSpan))
        {
            return TryCreateTimeSpan(creation, inner, out value);
        }

        if (resolved is not IInvocationOperation { Arguments.Length: > 0 } call ||
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

        if (!TryGetDouble(call.Arguments[0].Value, inner, out var amount))
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

    // new TimeSpan(ticks), (hours, minutes, seconds), (days, hours, minutes, seconds[, milliseconds[, microseconds]]).
    private static bool TryCreateTimeSpan(IObjectCreationOperation creation, Scope scope, out TimeSpan value)
    {
        value = default;
        if (!TryGetIntegers(creation.Arguments, scope, out var parts))
        {
            return false;
        }

        try
        {
            checked
            {
                long days = 0, hours, minutes, seconds, milliseconds = 0, microseconds = 0;
                switch (parts.Length)
                {
                    case 1:
                        value = TimeSpan.FromTicks(parts[0]);
                        return true;
                    case 3:
                        (hours, minutes, seconds) = (parts[0], parts[1], parts[2]);
                        break;
                    case 4:
                    case 5:
                    case 6:
                        (days, hours, minutes, seconds) = (parts[0], parts[1], parts[2], parts[3]);
                        milliseconds = parts.Length > 4 ? parts[4] : 0;
                        microseconds = parts.Length > 5 ? parts[5] : 0;
                        break;
                    default:
                        return false;
                }

                var totalSeconds = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
                value = TimeSpan.FromTicks(totalSeconds * TimeSpan.TicksPerSecond + milliseconds * TimeSpan.TicksPerMillisecond + microseconds * 10);
                return true;
            }
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool TryGetIntegers(ImmutableArray<IArgumentOperation> arguments, Scope scope, out long[] values)
    {
        values = new long[arguments.Length];
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter || !TryGetInt64(argument.Value, scope, out var value))
            {
                return false;
            }

            values[parameter.Ordinal] = value;
        }

        return true;
    }

    // Follows a value to the operation that produces it: through implicit conversions, through a helper's parameter
    // to the caller's argument, and through a simple helper call to the expression it returns.
    private static (IOperation Operation, Scope Scope) Resolve(IOperation operation, Scope scope)
    {
        while (true)
        {
            operation = Unwrap(operation);
            if (operation.ConstantValue.HasValue)
            {
                return (operation, scope);
            }

            if (operation is IParameterReferenceOperation reference && scope.TryGet(reference.Parameter, out var bound))
            {
                (operation, scope) = (bound.Operation, bound.Scope);
                continue;
            }

            if (operation is IInvocationOperation call && scope.Depth < MaxHelperDepth && HelperBody(call) is { } body)
            {
                (operation, scope) = (body, scope.Enter(call));
                continue;
            }

            return (operation, scope);
        }
    }

    // The expression a simple helper of this compilation returns, bound in its own semantic model; or null.
    private static IOperation? HelperBody(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern || method.ReturnsVoid ||
            method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction) ||
            method.DeclaringSyntaxReferences.Length != 1 || call.SemanticModel is not { } callerModel)
        {
            return null;
        }

        var expression = method.DeclaringSyntaxReferences[0].GetSyntax() switch
        {
            MethodDeclarationSyntax declaration => declaration.ExpressionBody?.Expression ?? SingleReturn(declaration.Body),
            LocalFunctionStatementSyntax local => local.ExpressionBody?.Expression ?? SingleReturn(local.Body),
            _ => null,
        };
        if (expression is null)
        {
            return null;
        }

        var model = expression.SyntaxTree == callerModel.SyntaxTree
            ? callerModel
#pragma warning disable RS1030 // Only helpers called with a BackupKit builder argument are bound, in the one file that declares them.
            : callerModel.Compilation.GetSemanticModel(expression.SyntaxTree);
#pragma warning restore RS1030
        return model.GetOperation(expression);
    }

    private static ExpressionSyntax? SingleReturn(BlockSyntax? body) =>
        body is { Statements.Count: 1 } && body.Statements[0] is ReturnStatementSyntax { Expression: { } expression } ? expression : null;

    /// <summary>The arguments bound to the parameters of the helper calls a value was followed through.</summary>
    private sealed class Scope
    {
        public static readonly Scope Root = new(ImmutableDictionary<IParameterSymbol, Bound>.Empty.WithComparers(SymbolEqualityComparer.Default), 0);

        private readonly ImmutableDictionary<IParameterSymbol, Bound> _parameters;

        private Scope(ImmutableDictionary<IParameterSymbol, Bound> parameters, int depth)
        {
            _parameters = parameters;
            Depth = depth;
        }

        public int Depth { get; }

        public bool TryGet(IParameterSymbol parameter, out Bound bound) => _parameters.TryGetValue(parameter.OriginalDefinition, out bound);

        // The scope of a helper's body: its parameters bound to this call's arguments, read in the caller's scope.
        public Scope Enter(IInvocationOperation call)
        {
            var parameters = Root._parameters;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { } parameter)
                {
                    parameters = parameters.SetItem(parameter.OriginalDefinition, new Bound(argument.Value, this));
                }
            }

            return new Scope(parameters, Depth + 1);
        }
    }

    private readonly struct Bound
    {
        public Bound(IOperation operation, Scope scope)
        {
            Operation = operation;
            Scope = scope;
        }

        public IOperation Operation { get; }

        public Scope Scope { get; }
    }
}
