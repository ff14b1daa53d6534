using Microsoft.CodeAnalysis.Operations;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// Replays the lifecycle calls of a rule or copy action configuration in the order they run, as the builder applies
/// them: a later <c>DeleteAfter</c> or <c>KeepForever</c> replaces an earlier one, and a preset makes the values unknown.
/// </summary>
internal sealed class LifecycleReplay
{
    private LifecycleReplay(RetentionCall cold, RetentionCall delete, IInvocationOperation? continuous, bool continuousUnknown)
    {
        Cold = cold;
        Delete = delete;
        Continuous = continuous;
        ContinuousUnknown = continuousUnknown;
    }

    /// <summary>Gets the cold storage transition.</summary>
    public RetentionCall Cold { get; }

    /// <summary>Gets the delete-after.</summary>
    public RetentionCall Delete { get; }

    /// <summary>Gets the <c>EnableContinuousBackup()</c> call, or <see langword="null"/>.</summary>
    public IInvocationOperation? Continuous { get; }

    /// <summary>Gets whether a preset may have enabled continuous backup.</summary>
    public bool ContinuousUnknown { get; }

    /// <summary>Replays a complete, straight-line configuration; returns <see langword="null"/> for any other.</summary>
    public static LifecycleReplay? Read(FluentConfiguration configuration, BackupKitSymbols symbols)
    {
        if (!configuration.IsComplete || configuration.Lambda is null || !configuration.IsStraightLine)
        {
            return null;
        }

        var cold = RetentionCall.Unset;
        var delete = RetentionCall.Unset;
        IInvocationOperation? continuous = null;
        var continuousUnknown = false;
        foreach (var call in configuration.Calls)
        {
            switch (call.TargetMethod.Name)
            {
                case "MoveToColdStorageAfter":
                    cold = RetentionCall.Read(call, symbols);
                    break;
                case "DeleteAfter":
                    delete = RetentionCall.Read(call, symbols);
                    break;
                case "KeepForever":
                    delete = RetentionCall.Unset;
                    break;
                case "EnableContinuousBackup":
                    continuous = call;
                    break;
                case "ApplyPreset":
                    // A preset brings its own schedule and lifecycle, invisible here.
                    cold = RetentionCall.Unknown;
                    delete = RetentionCall.Unknown;
                    continuousUnknown = true;
                    break;
            }
        }

        return new LifecycleReplay(cold, delete, continuous, continuousUnknown);
    }
}

/// <summary>The last retention call of one kind: unset (never called, or cleared), a known number of days, or unknown.</summary>
internal readonly struct RetentionCall
{
    public static readonly RetentionCall Unset = new(null, null, isKnown: true);
    public static readonly RetentionCall Unknown = new(null, null, isKnown: false);

    private RetentionCall(IInvocationOperation? call, long? days, bool isKnown)
    {
        Call = call;
        Days = days;
        IsKnown = isKnown;
    }

    /// <summary>Gets the call that set the value, or <see langword="null"/> when unset or unknown.</summary>
    public IInvocationOperation? Call { get; }

    /// <summary>Gets the days, or <see langword="null"/> when unset or unknown (unknown values are never checked).</summary>
    public long? Days { get; }

    /// <summary>Gets whether the value is known (a constant, or unset).</summary>
    public bool IsKnown { get; }

    public static RetentionCall Read(IInvocationOperation call, BackupKitSymbols symbols) =>
        call.Arguments.Length == 1 && ConstantValues.TryGetRetentionDays(call.Arguments[0].Value, symbols, out var days)
            ? new RetentionCall(call, days, isKnown: true)
            : new RetentionCall(call, null, isKnown: false);
}
