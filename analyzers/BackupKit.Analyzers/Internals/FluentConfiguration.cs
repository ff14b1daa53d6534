using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// What a configuration callback (<c>plan.AddRule("daily", r => r.InVault("v").DeleteAfter(...))</c>) does with
/// the builder it receives: the builder calls made on its parameter, and whether that is all it does. Only a lambda
/// whose parameter is used solely as the receiver of builder calls is <see cref="IsComplete"/>; a method group, a
/// delegate variable, or a lambda that hands the builder to another method may do anything, and rules that report a
/// missing call stay silent for them.
/// </summary>
internal sealed class FluentConfiguration
{
    private static readonly FluentConfiguration s_none = new(null, ImmutableArray<IInvocationOperation>.Empty, isComplete: true);
    private static readonly FluentConfiguration s_unknown = new(null, ImmutableArray<IInvocationOperation>.Empty, isComplete: false);

    private FluentConfiguration(IAnonymousFunctionOperation? lambda, ImmutableArray<IInvocationOperation> calls, bool isComplete)
    {
        Lambda = lambda;
        Calls = calls;
        IsComplete = isComplete;
    }

    /// <summary>Gets the lambda, or <see langword="null"/> when there is none (no callback, or not a lambda).</summary>
    public IAnonymousFunctionOperation? Lambda { get; }

    /// <summary>Gets the builder calls made on the lambda's parameter, in the order they run.</summary>
    public ImmutableArray<IInvocationOperation> Calls { get; }

    /// <summary>Gets whether <see cref="Calls"/> are everything the callback does with the builder.</summary>
    public bool IsComplete { get; }

    /// <summary>Reads the configuration callback passed as <paramref name="argument"/> for a builder of type <paramref name="builderType"/>.</summary>
    public static FluentConfiguration Read(IArgumentOperation? argument, INamedTypeSymbol? builderType)
    {
        if (argument is null || builderType is null)
        {
            return s_unknown;
        }

        var value = ConstantValues.Unwrap(argument.Value);
        if (value.ConstantValue is { HasValue: true, Value: null })
        {
            // No callback (an omitted optional argument or an explicit null): nothing is configured.
            return s_none;
        }

        if (value is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ||
            lambda.Symbol.Parameters.Length != 1)
        {
            return s_unknown;
        }

        var parameter = lambda.Symbol.Parameters[0];
        var calls = ImmutableArray.CreateBuilder<IInvocationOperation>();
        var isComplete = true;
        foreach (var operation in lambda.Body.Descendants())
        {
            if (operation is IParameterReferenceOperation reference &&
                SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter) &&
                !IsReceiverOfBuilderCall(reference, builderType))
            {
                isComplete = false;
            }
            else if (operation is IInvocationOperation invocation &&
                     SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, builderType))
            {
                if (IsRootedAt(invocation, parameter, builderType))
                {
                    calls.Add(invocation);
                    isComplete &= ResultStaysInChain(invocation);
                }
                else
                {
                    // A builder of the same type reached another way (a local, a field): it may be this one.
                    isComplete = false;
                }
            }
        }

        // Execution order: in a chain the receiver call ends first, and statements end in order.
        calls.Sort(static (left, right) => left.Syntax.Span.End.CompareTo(right.Syntax.Span.End));
        return new FluentConfiguration(lambda, calls.ToImmutable(), isComplete);
    }

    /// <summary>
    /// Gets whether every builder call runs exactly once, in source order: none sits in a loop, a condition or a
    /// nested function. Rules that count calls or replay them in order need it.
    /// </summary>
    public bool IsStraightLine
    {
        get
        {
            foreach (var call in Calls)
            {
                for (var parent = call.Parent; parent is not null && !ReferenceEquals(parent, Lambda); parent = parent.Parent)
                {
                    if (parent is ILoopOperation or IConditionalOperation or ISwitchOperation or IAnonymousFunctionOperation or
                        ILocalFunctionOperation or ITryOperation or ICoalesceOperation or IConditionalAccessOperation)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    /// <summary>Returns the calls to builder methods named <paramref name="name"/>.</summary>
    public IEnumerable<IInvocationOperation> CallsTo(string name)
    {
        foreach (var call in Calls)
        {
            if (call.TargetMethod.Name == name)
            {
                yield return call;
            }
        }
    }

    /// <summary>Returns whether a builder method named <paramref name="name"/> is called.</summary>
    public bool HasCall(string name)
    {
        foreach (var call in Calls)
        {
            if (call.TargetMethod.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the argument bound to the parameter named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static IArgumentOperation? Argument(IInvocationOperation invocation, string name)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == name)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the configuration of a declaration such as <c>posture.AddVault("name", v => ...)</c>: returns it when
    /// <paramref name="invocation"/> calls <paramref name="method"/> on <paramref name="declaringBuilder"/> and its
    /// callback for <paramref name="configuredBuilder"/> can be read completely, otherwise <see langword="null"/>.
    /// </summary>
    public static FluentConfiguration? ReadDeclaration(IInvocationOperation invocation, string method, INamedTypeSymbol? declaringBuilder, INamedTypeSymbol? configuredBuilder)
    {
        if (invocation.TargetMethod.Name != method || !BackupKitSymbols.IsOn(invocation.TargetMethod, declaringBuilder))
        {
            return null;
        }

        var configuration = Read(ArgumentOfDelegateFor(invocation, configuredBuilder), configuredBuilder);
        return configuration.IsComplete ? configuration : null;
    }

    /// <summary>
    /// Returns the constant value of the <c>name</c> argument of a declaration (<c>AddVault</c>, <c>AddPlan</c>,
    /// <c>AddRule</c>), or <c>(unnamed)</c> when it is not a constant, for the messages that quote the name.
    /// </summary>
    public static string ConstantName(IInvocationOperation invocation) =>
        Argument(invocation, "name") is { } argument && ConstantValues.TryGetString(argument.Value, out var name) && name is not null
            ? name
            : "(unnamed)";

    /// <summary>Returns the argument bound to the first parameter of type <paramref name="type"/>, or <see langword="null"/>.</summary>
    public static IArgumentOperation? ArgumentOfDelegateFor(IInvocationOperation invocation, INamedTypeSymbol? builderType)
    {
        if (builderType is null)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } &&
                invoke.Parameters.Length == 1 &&
                SymbolEqualityComparer.Default.Equals(invoke.Parameters[0].Type, builderType))
            {
                return argument;
            }
        }

        return null;
    }

    private static bool IsReceiverOfBuilderCall(IParameterReferenceOperation reference, INamedTypeSymbol builderType) =>
        reference.Parent is IInvocationOperation invocation &&
        ReferenceEquals(invocation.Instance, reference) &&
        SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, builderType);

    // The builder a call returns may only continue the chain or be discarded; handed to other code, it may be changed there.
    private static bool ResultStaysInChain(IInvocationOperation invocation) => invocation.Parent switch
    {
        IInvocationOperation outer => ReferenceEquals(outer.Instance, invocation) &&
                                      SymbolEqualityComparer.Default.Equals(outer.TargetMethod.ContainingType, invocation.TargetMethod.ContainingType),
        IExpressionStatementOperation => true,
        IReturnOperation => true,
        _ => false,
    };

    private static bool IsRootedAt(IInvocationOperation invocation, IParameterSymbol parameter, INamedTypeSymbol builderType)
    {
        var receiver = invocation.Instance;
        while (receiver is IInvocationOperation inner &&
               SymbolEqualityComparer.Default.Equals(inner.TargetMethod.ContainingType, builderType))
        {
            receiver = inner.Instance;
        }

        return receiver is IParameterReferenceOperation reference &&
               SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
    }
}
