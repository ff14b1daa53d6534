using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// ListBackupJobSummaries, ListCopyJobSummaries, ListRestoreJobSummaries: job counts of the caller's Region over the
/// jobs the emulator holds (its 30-day job history), grouped by account, state, resource type and (backup and copy jobs)
/// message category, by creation date. <c>ONE_DAY</c> (the default) gives one summary per UTC day of the prior 14 days
/// (today included), <c>SEVEN_DAYS</c> and <c>FOURTEEN_DAYS</c> one over the last 7 or 14 days. A filter value narrows
/// to it; <c>ANY</c> (or no value) keeps one summary per value; <c>AGGREGATE_ALL</c> sums over all values. Only the
/// organization's management account may name another account in <c>AccountId</c>; other callers get their own jobs,
/// as AWS answers member accounts. Groups with no job are left out.
/// </summary>
internal static class JobSummaryOperations
{
    public const string Any = "ANY";
    public const string AggregateAll = "AGGREGATE_ALL";

    /// <summary>The category of a job's status message: SUCCESS while there is no issue, else why it ended.</summary>
    public static string MessageCategoryOf(BackupJobRecord job) =>
        job.State == BackupJobState.FAILED || job.State == BackupJobState.EXPIRED ? "FAILED"
        : job.State == BackupJobState.ABORTED ? "ABORTED"
        : "SUCCESS";

    public static ListBackupJobSummariesOutput ListBackup(CallContext call, ListBackupJobSummariesInput input)
    {
        var period = PeriodOf(input.AggregationPeriod);
        var rows = Collect(call, input.AccountId, static (state, now, rows) =>
        {
            foreach (var job in state.Jobs.Values)
            {
                rows.Add(new Row(state.AccountId, job.State.Value, job.ResourceType, MessageCategoryOf(job), job.CreationDate));
            }
        });
        var page = Summarize(rows, period, call.Now, input.State?.Value, input.ResourceType, input.MessageCategory, input.NextToken, input.MaxResults, out var next);
        return new ListBackupJobSummariesOutput
        {
            AggregationPeriod = period.Value,
            NextToken = next,
            BackupJobSummaries = page.ConvertAll(s => new BackupJobSummary
            {
                Region = call.Region,
                AccountId = s.AccountId,
                State = s.State,
                ResourceType = s.ResourceType,
                MessageCategory = s.MessageCategory,
                Count = s.Count,
                StartTime = s.Start,
                EndTime = s.End,
            }),
        };
    }

    public static ListCopyJobSummariesOutput ListCopy(CallContext call, ListCopyJobSummariesInput input)
    {
        var period = PeriodOf(input.AggregationPeriod);
        var rows = Collect(call, input.AccountId, static (state, now, rows) =>
        {
            foreach (var job in state.CopyJobs.Values)
            {
                var jobState = CopyJobOperations.StateAt(job, now).State;
                rows.Add(new Row(state.AccountId, jobState.Value, job.ResourceType, jobState == CopyJobState.FAILED ? "FAILED" : "SUCCESS", job.CreationDate));
            }
        });
        var page = Summarize(rows, period, call.Now, input.State?.Value, input.ResourceType, input.MessageCategory, input.NextToken, input.MaxResults, out var next);
        return new ListCopyJobSummariesOutput
        {
            AggregationPeriod = period.Value,
            NextToken = next,
            CopyJobSummaries = page.ConvertAll(s => new CopyJobSummary
            {
                Region = call.Region,
                AccountId = s.AccountId,
                State = s.State,
                ResourceType = s.ResourceType,
                MessageCategory = s.MessageCategory,
                Count = s.Count,
                StartTime = s.Start,
                EndTime = s.End,
            }),
        };
    }

    public static ListRestoreJobSummariesOutput ListRestore(CallContext call, ListRestoreJobSummariesInput input)
    {
        var period = PeriodOf(input.AggregationPeriod);
        var rows = Collect(call, input.AccountId, static (state, now, rows) =>
        {
            foreach (var job in state.RestoreJobs.Values)
            {
                rows.Add(new Row(state.AccountId, job.Status.Value, job.ResourceType, null, job.CreationDate));
            }
        });
        var page = Summarize(rows, period, call.Now, input.State?.Value, input.ResourceType, null, input.NextToken, input.MaxResults, out var next);
        return new ListRestoreJobSummariesOutput
        {
            AggregationPeriod = period.Value,
            NextToken = next,
            RestoreJobSummaries = page.ConvertAll(s => new RestoreJobSummary
            {
                Region = call.Region,
                AccountId = s.AccountId,
                State = s.State,
                ResourceType = s.ResourceType,
                Count = s.Count,
                StartTime = s.Start,
                EndTime = s.End,
            }),
        };
    }

    private readonly record struct Row(string AccountId, string State, string ResourceType, string? MessageCategory, DateTimeOffset Created);

    private sealed record Summary(string AccountId, string State, string ResourceType, string? MessageCategory, DateTimeOffset Start, DateTimeOffset End)
    {
        public int Count { get; set; }

        public long Sequence { get; set; }
    }

    private static AggregationPeriod PeriodOf(AggregationPeriod? period)
    {
        var value = period ?? AggregationPeriod.ONE_DAY;
        return value.IsKnown
            ? value
            : throw BackupApiError.InvalidParameter($"AggregationPeriod '{value.Value}' is not valid; use ONE_DAY, SEVEN_DAYS or FOURTEEN_DAYS.");
    }

    private static List<Row> Collect(CallContext call, string? accountId, Action<RegionState, DateTimeOffset, List<Row>> read)
    {
        // A member account always gets its own jobs; the management account may name any account of the organization.
        var target = accountId is not null && call.AccountId == call.Emulator.Global.ManagementAccountId ? accountId : call.AccountId;
        var state = target == call.AccountId ? call.State : call.Emulator.Existing(target, call.Region);
        var rows = new List<Row>();
        if (state is null)
        {
            return rows;
        }

        lock (state.Gate)
        {
            var now = call.Now;
            BackupJobEngine.Advance(state, now);
            read(state, now, rows);
        }

        return rows;
    }

    private static List<Summary> Summarize(
        List<Row> rows, AggregationPeriod period, DateTimeOffset now, string? state, string? resourceType, string? messageCategory,
        string? nextToken, int? maxResults, out string? next)
    {
        var windows = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        if (period == AggregationPeriod.ONE_DAY)
        {
            var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            for (var day = 0; day < 14; day++)
            {
                var start = today.AddDays(-day);
                windows.Add((start, start.AddDays(1).AddMilliseconds(-1)));
            }
        }
        else
        {
            windows.Add((now.AddDays(period == AggregationPeriod.SEVEN_DAYS ? -7 : -14), now));
        }

        var groups = new Dictionary<(int Window, string Account, string State, string Type, string? Category), Summary>();
        foreach (var row in rows)
        {
            if (!Keep(state, row.State) || !Keep(resourceType, row.ResourceType) || (row.MessageCategory is not null && !Keep(messageCategory, row.MessageCategory)))
            {
                continue;
            }

            for (var w = 0; w < windows.Count; w++)
            {
                var (start, end) = windows[w];
                if (row.Created < start || row.Created > end)
                {
                    continue;
                }

                var key = (w, row.AccountId, GroupValue(state, row.State), GroupValue(resourceType, row.ResourceType),
                    row.MessageCategory is null ? null : GroupValue(messageCategory, row.MessageCategory));
                if (!groups.TryGetValue(key, out var summary))
                {
                    summary = new Summary(key.AccountId, key.Item3, key.Item4, key.Item5, start, end);
                    groups.Add(key, summary);
                }

                summary.Count++;
            }
        }

        // Newest window first, then by state, type and category, so that pages are stable.
        var ordered = groups.OrderBy(static g => g.Key.Window)
            .ThenBy(static g => g.Key.State, StringComparer.Ordinal)
            .ThenBy(static g => g.Key.Type, StringComparer.Ordinal)
            .ThenBy(static g => g.Key.Category, StringComparer.Ordinal)
            .Select(static g => g.Value)
            .ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Sequence = i + 1;
        }

        // Not Paging.List: summaries are recomputed per call and ordered by window, state, type and category rather than
        // by creation; their position in that order is the sequence a token carries.
        return Paging.Page(ordered, static s => s.Sequence, nextToken, maxResults, out next);
    }

    private static bool Keep(string? filter, string value) =>
        filter is null || filter == Any || filter == AggregateAll || string.Equals(filter, value, StringComparison.OrdinalIgnoreCase);

    private static string GroupValue(string? filter, string value) => filter == AggregateAll ? AggregateAll : value;
}
