using System.IO.Enumeration;

namespace BackupKit.Local;

/// <summary>Restore faults: restores that fail, or that AWS reports COMPLETED while the restored data is wrong.</summary>
public sealed partial class FaultInjector
{
    private readonly List<RestoreFaultRule> _restoreFaults = [];

    /// <summary>
    /// The next <paramref name="times"/> restore jobs of recovery points of resources matching
    /// <paramref name="resourceArnPattern"/> (an ARN, or a pattern where <c>*</c> matches any run of characters) end
    /// FAILED with <paramref name="message"/> as their status message.
    /// </summary>
    /// <param name="resourceArnPattern">The source resource ARN, or a pattern such as <c>arn:aws:dynamodb:*:*:table/orders*</c>.</param>
    /// <param name="times">How many restore jobs to fail.</param>
    /// <param name="message">The restore job's status message.</param>
    public void FailRestore(string resourceArnPattern, int times = 1, string message = "Injected fault: the restore failed.")
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        AddRestoreFault(resourceArnPattern, times, RestoreFaultKind.Fail, message);
    }

    /// <summary>
    /// The next <paramref name="times"/> restore jobs of matching resources end COMPLETED, but the restored resource's
    /// content has another checksum than the recovery point's (corrupted data a validator must catch).
    /// </summary>
    /// <param name="resourceArnPattern">The source resource ARN or a <c>*</c> pattern.</param>
    /// <param name="times">How many restores to corrupt.</param>
    public void CorruptRestore(string resourceArnPattern, int times = 1) =>
        AddRestoreFault(resourceArnPattern, times, RestoreFaultKind.Corrupt, null);

    /// <summary>
    /// The next <paramref name="times"/> restore jobs of matching resources end COMPLETED, but the restored resource
    /// holds fewer items than the recovery point (about half; its checksum differs too).
    /// </summary>
    /// <param name="resourceArnPattern">The source resource ARN or a <c>*</c> pattern.</param>
    /// <param name="times">How many restores to leave incomplete.</param>
    public void IncompleteRestore(string resourceArnPattern, int times = 1) =>
        AddRestoreFault(resourceArnPattern, times, RestoreFaultKind.Incomplete, null);

    /// <summary>Takes the first restore fault that applies to a restore of the resource, if any.</summary>
    internal RestoreFault? TakeRestoreFault(string sourceResourceArn)
    {
        lock (_restoreFaults)
        {
            for (var i = 0; i < _restoreFaults.Count; i++)
            {
                var rule = _restoreFaults[i];
                if (rule.Pattern == sourceResourceArn || FileSystemName.MatchesSimpleExpression(rule.Pattern, sourceResourceArn, ignoreCase: false))
                {
                    if (rule.Remaining == 1)
                    {
                        _restoreFaults.RemoveAt(i);
                    }
                    else
                    {
                        _restoreFaults[i] = rule with { Remaining = rule.Remaining - 1 };
                    }

                    return new RestoreFault(rule.Kind, rule.Message);
                }
            }
        }

        return null;
    }

    private void ClearRestoreFaults()
    {
        lock (_restoreFaults)
        {
            _restoreFaults.Clear();
        }
    }

    private void AddRestoreFault(string resourceArnPattern, int times, RestoreFaultKind kind, string? message)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceArnPattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_restoreFaults)
        {
            _restoreFaults.Add(new RestoreFaultRule(resourceArnPattern, times, kind, message));
        }
    }

    private sealed record RestoreFaultRule(string Pattern, int Remaining, RestoreFaultKind Kind, string? Message);
}

/// <summary>What an injected restore fault does.</summary>
internal enum RestoreFaultKind
{
    Fail,
    Corrupt,
    Incomplete,
}

/// <summary>A restore fault taken for one restore job.</summary>
internal sealed record RestoreFault(RestoreFaultKind Kind, string? Message);
