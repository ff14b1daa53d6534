using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// Legal holds: create (holding the recovery points that match its vaults, resources and date range; idempotent by
/// IdempotencyToken), get, list, cancel (DELETE answering 201), and the recovery points a hold holds. A held recovery
/// point cannot be deleted and does not expire.
/// </summary>
internal static class LegalHoldOperations
{
    /// <summary>Legal holds per account (AWS quota, not adjustable).</summary>
    public const int MaxLegalHolds = 50;

    public static readonly TimeSpan CreationTime = TimeSpan.FromMinutes(1);

    public static CreateLegalHoldOutput Create(CallContext call, CreateLegalHoldInput input)
    {
        var now = call.Now;
        if (input.RecoveryPointSelection?.DateRange is { } range)
        {
            if (range.FromDate > range.ToDate)
            {
                throw BackupApiError.InvalidParameter("DateRange.FromDate must not be after DateRange.ToDate.");
            }

            if (range.FromDate > now || range.ToDate > now)
            {
                throw BackupApiError.InvalidParameter("DateRange cannot lie in the future.");
            }
        }

        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, now);
            var active = 0;
            foreach (var existing in state.LegalHolds.Values)
            {
                if (input.IdempotencyToken is { } token && existing.IdempotencyToken == token)
                {
                    // A retried create with the same token returns the hold it created.
                    return CreateOutput(existing, now);
                }

                if (existing.IsActive)
                {
                    active++;
                }
            }

            if (active >= MaxLegalHolds)
            {
                throw BackupApiError.LimitExceeded($"This account already has {MaxLegalHolds} legal holds, the most AWS Backup allows.");
            }

            var id = state.NewGuid().ToString("D");
            var hold = new LegalHoldRecord
            {
                Id = id,
                Arn = $"arn:aws:backup:{state.Region}:{state.AccountId}:legal-hold:{id}",
                Sequence = state.NextSequence(),
                Title = input.Title!,
                Description = input.Description!,
                IdempotencyToken = input.IdempotencyToken,
                Selection = input.RecoveryPointSelection,
                CreationDate = now,
            };
            foreach (var vault in state.Vaults.Values)
            {
                foreach (var point in vault.RecoveryPoints.Values)
                {
                    if (Matches(input.RecoveryPointSelection, vault, point))
                    {
                        hold.HeldRecoveryPoints.Add(point.Arn);
                    }
                }
            }

            if (input.Tags is { } tags)
            {
                TagOperations.Merge(hold.Tags, tags);
            }

            state.LegalHolds.Add(id, hold);
            return CreateOutput(hold, now);
        }
    }

    public static GetLegalHoldOutput Get(CallContext call, GetLegalHoldInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var hold = Find(state, input.LegalHoldId!);
            return ToGetOutput(hold, call.Now);
        }
    }

    public static ListLegalHoldsOutput List(CallContext call, ListLegalHoldsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            var holds = new List<LegalHoldRecord>(state.LegalHolds.Values);
            var members = Paging.List(holds, static h => h.Sequence, input.NextToken, input.MaxResults, out var next, hold => ToListMember(hold, now));

            return new ListLegalHoldsOutput { LegalHolds = members, NextToken = next };
        }
    }

    public static CancelLegalHoldOutput Cancel(CallContext call, CancelLegalHoldInput input)
    {
        if (input.RetainRecordInDays is < 0)
        {
            throw BackupApiError.InvalidParameter($"RetainRecordInDays cannot be negative; got {input.RetainRecordInDays}.");
        }

        var state = call.State;
        lock (state.Gate)
        {
            var hold = Find(state, input.LegalHoldId!);
            if (!hold.IsActive)
            {
                throw new BackupApiError("InvalidResourceStateException", 400, $"Legal hold {hold.Id} is already canceled.");
            }

            var now = call.Now;
            hold.CancellationDate = now;

            // Points the hold kept past their deletion date expire at the next catch-up.
            state.NextLifecycleEventAt = DateTimeOffset.MinValue;
            hold.CancelDescription = input.CancelDescription;
            hold.RetainRecordUntil = input.RetainRecordInDays is { } days ? now.AddDays(days) : null;
            return new CancelLegalHoldOutput();
        }
    }

    public static ListRecoveryPointsByLegalHoldOutput ListRecoveryPoints(CallContext call, ListRecoveryPointsByLegalHoldInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var hold = Find(state, input.LegalHoldId!);
            var points = new List<(RecoveryPointRecord Point, VaultRecord Vault)>();
            foreach (var vault in state.Vaults.Values)
            {
                foreach (var point in vault.RecoveryPoints.Values)
                {
                    if (hold.HeldRecoveryPoints.Contains(point.Arn))
                    {
                        points.Add((point, vault));
                    }
                }
            }

            var members = Paging.List(points, static p => p.Point.Sequence, input.NextToken, input.MaxResults, out var next, static p => ToHeldPointMember(p.Point, p.Vault));
            return new ListRecoveryPointsByLegalHoldOutput { RecoveryPoints = members, NextToken = next };
        }
    }

    /// <summary>A legal hold as GetLegalHold renders it; its status is read at <paramref name="now"/>.</summary>
    private static GetLegalHoldOutput ToGetOutput(LegalHoldRecord hold, DateTimeOffset now) => new()
    {
        Title = hold.Title,
        Status = StatusOf(hold, now),
        Description = hold.Description,
        CancelDescription = hold.CancelDescription,
        LegalHoldId = hold.Id,
        LegalHoldArn = hold.Arn,
        CreationDate = hold.CreationDate,
        CancellationDate = hold.CancellationDate,
        RetainRecordUntil = hold.RetainRecordUntil,
        RecoveryPointSelection = hold.Selection,
    };

    /// <summary>A legal hold as ListLegalHolds renders it; its status is read at <paramref name="now"/>.</summary>
    private static LegalHold ToListMember(LegalHoldRecord hold, DateTimeOffset now) => new()
    {
        Title = hold.Title,
        Status = StatusOf(hold, now),
        Description = hold.Description,
        LegalHoldId = hold.Id,
        LegalHoldArn = hold.Arn,
        CreationDate = hold.CreationDate,
        CancellationDate = hold.CancellationDate,
    };

    /// <summary>A held recovery point as ListRecoveryPointsByLegalHold renders it.</summary>
    private static RecoveryPointMember ToHeldPointMember(RecoveryPointRecord point, VaultRecord vault) =>
        new() { RecoveryPointArn = point.Arn, ResourceArn = point.ResourceArn, ResourceType = point.ResourceType, BackupVaultName = vault.Name };

    private static bool Matches(RecoveryPointSelection? selection, VaultRecord vault, RecoveryPointRecord point)
    {
        if (selection is null)
        {
            return true;
        }

        return (selection.VaultNames is not { Count: > 0 } names || names.Contains(vault.Name))
            && (selection.ResourceIdentifiers is not { Count: > 0 } resources || resources.Contains(point.ResourceArn))
            && (selection.DateRange is not { } range
                || ((range.FromDate is not { } from || point.CreationDate >= from) && (range.ToDate is not { } to || point.CreationDate <= to)));
    }

    private static LegalHoldStatus StatusOf(LegalHoldRecord hold, DateTimeOffset now) =>
        !hold.IsActive ? LegalHoldStatus.CANCELED
        : now < hold.CreationDate + CreationTime ? LegalHoldStatus.CREATING
        : LegalHoldStatus.ACTIVE;

    private static CreateLegalHoldOutput CreateOutput(LegalHoldRecord hold, DateTimeOffset now) => new()
    {
        Title = hold.Title,
        Status = StatusOf(hold, now),
        Description = hold.Description,
        LegalHoldId = hold.Id,
        LegalHoldArn = hold.Arn,
        CreationDate = hold.CreationDate,
        RecoveryPointSelection = hold.Selection,
    };

    private static LegalHoldRecord Find(RegionState state, string id) =>
        state.LegalHolds.TryGetValue(id, out var hold)
            ? hold
            : throw BackupApiError.NotFound($"Legal hold {id} does not exist in account {state.AccountId}, region {state.Region}.");
}
