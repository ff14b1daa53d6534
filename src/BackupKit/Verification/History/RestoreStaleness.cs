using BackupKit.Wire;

namespace BackupKit.Verification.History;

/// <summary>
/// Fails resources whose last successful restore verification is older than a limit (or that were never verified):
/// a plan that was right once drifts, and a restore proven a year ago proves little today.
/// </summary>
public sealed class RestoreStalenessCheck
{
    private readonly IRestoreHistoryStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a check over a history store.</summary>
    /// <param name="store">The history.</param>
    /// <param name="timeProvider">The clock that says what "now" is, or <see langword="null"/> for the system clock.</param>
    public RestoreStalenessCheck(IRestoreHistoryStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Checks the given resources.</summary>
    /// <param name="resourceArns">The resources that must have been verified recently.</param>
    /// <param name="limit">The oldest acceptable last successful verification.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One finding per resource, stale ones first.</returns>
    public async Task<StalenessReport> CheckAsync(IEnumerable<string> resourceArns, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceArns);
        if (limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The staleness limit must be positive, for example TimeSpan.FromDays(30).");
        }

        var wanted = new HashSet<string>(resourceArns, StringComparer.Ordinal);
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var entry in _store.ReadAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Passed && wanted.Contains(entry.ResourceArn) && (!last.TryGetValue(entry.ResourceArn, out var at) || entry.VerifiedAt > at))
            {
                last[entry.ResourceArn] = entry.VerifiedAt;
            }
        }

        var now = _timeProvider.GetUtcNow();
        var findings = new List<StalenessFinding>(wanted.Count);
        foreach (var arn in wanted)
        {
            var verified = last.TryGetValue(arn, out var at) ? at : (DateTimeOffset?)null;
            var age = verified is { } v ? now - v : (TimeSpan?)null;
            findings.Add(new StalenessFinding(arn, verified, age, age is not { } a || a > limit));
        }

        findings.Sort(static (a, b) => a.Stale != b.Stale ? (a.Stale ? -1 : 1) : string.CompareOrdinal(a.ResourceArn, b.ResourceArn));
        var report = new StalenessReport(now, limit, findings);
        Verification.VerificationTelemetry.Metrics.RecordStale(report.StaleCount);
        return report;
    }

    /// <summary>Checks every resource AWS Backup protects in the client's account and Region (<c>ListProtectedResources</c>).</summary>
    /// <param name="client">The client.</param>
    /// <param name="limit">The oldest acceptable last successful verification.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>One finding per protected resource.</returns>
    public async Task<StalenessReport> CheckProtectedResourcesAsync(IBackupClient client, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var arns = new List<string>();
        await foreach (var resource in client.PaginateListProtectedResources(new ListProtectedResourcesInput(), cancellationToken).ConfigureAwait(false))
        {
            if (resource.ResourceArn is { } arn)
            {
                arns.Add(arn);
            }
        }

        return await CheckAsync(arns, limit, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The result of a staleness check.</summary>
/// <param name="CheckedAt">When it ran.</param>
/// <param name="Limit">The limit.</param>
/// <param name="Findings">One finding per resource, stale ones first.</param>
public sealed record StalenessReport(DateTimeOffset CheckedAt, TimeSpan Limit, IReadOnlyList<StalenessFinding> Findings)
{
    /// <summary>Gets the number of stale resources.</summary>
    public int StaleCount => Findings.Count(f => f.Stale);

    /// <summary>Gets whether no resource is stale.</summary>
    public bool Passed => StaleCount == 0;
}

/// <summary>One resource in a staleness check.</summary>
/// <param name="ResourceArn">The resource.</param>
/// <param name="LastVerifiedAt">Its last successful verification, or <see langword="null"/> when it was never verified.</param>
/// <param name="Age">How long ago that was.</param>
/// <param name="Stale">Whether it is older than the limit (or missing).</param>
public sealed record StalenessFinding(string ResourceArn, DateTimeOffset? LastVerifiedAt, TimeSpan? Age, bool Stale);
