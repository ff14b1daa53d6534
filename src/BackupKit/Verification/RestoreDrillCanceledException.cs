namespace BackupKit.Verification;

/// <summary>
/// A restore drill was cancelled. <see cref="Report"/> says what was restored, validated and cleaned up before it
/// stopped, and what was left behind (restore jobs still running when the grace period ended).
/// </summary>
public sealed class RestoreDrillCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="report">The report of the cancelled drill.</param>
    /// <param name="cancellationToken">The token that cancelled it.</param>
    public RestoreDrillCanceledException(RestoreDrillReport report, CancellationToken cancellationToken)
        : base(Describe(report), cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Report = report;
    }

    /// <summary>Gets the report of what was done and left.</summary>
    public RestoreDrillReport Report { get; }

    private static string Describe(RestoreDrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var left = report.LeftBehind.Select(r => r.RestoredResourceArn ?? r.RestoreJobId ?? r.ResourceArn).ToList();
        return $"Restore drill {report.DrillName} ({report.RunId}) was cancelled; " +
            (left.Count == 0 ? "nothing it restored was left behind." : $"left behind: {string.Join(", ", left)}.");
    }
}
