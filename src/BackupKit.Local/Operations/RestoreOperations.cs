using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// Restores and the resources AWS Backup protects: restore metadata of a recovery point, start (idempotent by
/// IdempotencyToken), describe and list restore jobs, and the protected resources derived from the recovery points.
/// A restore creates a new resource whose ARN follows the metadata the caller passed (for example the target table name).
/// </summary>
internal static class RestoreOperations
{
    public static GetRecoveryPointRestoreMetadataOutput GetRestoreMetadata(CallContext call, GetRecoveryPointRestoreMetadataInput input) =>
        ReadRecoveryPoint(call, input.BackupVaultAccountId, input.BackupVaultName!, input.RecoveryPointArn!, (state, vault, point) => new GetRecoveryPointRestoreMetadataOutput
        {
            BackupVaultArn = vault.Arn,
            RecoveryPointArn = point.Arn,
            ResourceType = point.ResourceType,
            RestoreMetadata = RestoreMetadataKeys.Of(point, state.Region),
        });

    /// <summary>
    /// Reads one recovery point of a vault of the caller's account, brought up to the emulator's time, as the restore
    /// metadata operations do; another account's vault answers as not shared.
    /// </summary>
    internal static T ReadRecoveryPoint<T>(CallContext call, string? vaultAccountId, string vaultName, string recoveryPointArn, Func<RegionState, VaultRecord, RecoveryPointRecord, T> read)
    {
        if (vaultAccountId is { } accountId && accountId != call.AccountId)
        {
            throw BackupApiError.NotFound($"No backup vault of account {accountId} is shared with account {call.AccountId}.");
        }

        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var vault = BackupVaultOperations.Find(state, vaultName);
            if (!vault.RecoveryPoints.TryGetValue(recoveryPointArn, out var point))
            {
                throw BackupApiError.NotFound($"Backup vault {vault.Name} has no recovery point {recoveryPointArn}.");
            }

            return read(state, vault, point);
        }
    }

    public static StartRestoreJobOutput Start(CallContext call, StartRestoreJobInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            BackupJobEngine.Advance(state, now);
            if (input.IdempotencyToken is { } token)
            {
                foreach (var existing in state.RestoreJobs.Values)
                {
                    if (existing.IdempotencyToken == token)
                    {
                        // A retried start with the same token succeeds and restores nothing new.
                        return new StartRestoreJobOutput { RestoreJobId = existing.Id };
                    }
                }
            }

            var (point, vault) = FindPoint(state, input.RecoveryPointArn!);
            if (input.ResourceType is { } type && type != point.ResourceType)
            {
                throw BackupApiError.InvalidParameter($"ResourceType '{type}' does not match recovery point {point.Arn}, which is a {point.ResourceType} backup.");
            }

            if (point.Status == RecoveryPointStatus.EXPIRED)
            {
                throw BackupApiError.InvalidRequest($"Recovery point {point.Arn} is EXPIRED: its retention ended and it can no longer be restored.");
            }

            var job = RestoreJobEngine.Start(state, point, vault, input.Metadata!, input.IamRoleArn, input.IdempotencyToken, input.CopySourceTagsToRestoredResource == true, now);
            return new StartRestoreJobOutput { RestoreJobId = job.Id };
        }
    }

    public static DescribeRestoreJobOutput Describe(CallContext call, DescribeRestoreJobInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var job = state.RestoreJobs.TryGetValue(input.RestoreJobId!, out var found)
                ? found
                : throw BackupApiError.NotFound($"Restore job {input.RestoreJobId} does not exist in account {state.AccountId}, region {state.Region}.");
            return ToDescribeOutput(state, job);
        }
    }

    public static GetRestoreJobMetadataOutput GetJobMetadata(CallContext call, GetRestoreJobMetadataInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var job = FindJob(state, input.RestoreJobId!);
            return new GetRestoreJobMetadataOutput { RestoreJobId = job.Id, Metadata = job.Metadata is { } metadata ? new Dictionary<string, string>(metadata, StringComparer.Ordinal) : [] };
        }
    }

    /// <summary>
    /// Records a validation result on a completed restore job. VALIDATING may be followed by a final status; a final
    /// status (SUCCESSFUL, FAILED, TIMED_OUT) cannot be changed.
    /// </summary>
    public static EmptyOutput PutValidationResult(CallContext call, PutRestoreValidationResultInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var job = FindJob(state, input.RestoreJobId!);
            if (job.Status != RestoreJobStatus.COMPLETED)
            {
                throw BackupApiError.InvalidRequest($"Restore job {job.Id} is {job.Status}; a validation result can only be put on a COMPLETED restore job.");
            }

            if (job.ValidationStatus is { } current && current != RestoreValidationStatus.VALIDATING)
            {
                throw BackupApiError.InvalidRequest($"Restore job {job.Id} already has the validation status {current}; it cannot be changed.");
            }

            job.ValidationStatus = input.ValidationStatus;
            job.ValidationStatusMessage = input.ValidationStatusMessage;
            RestoreTestingEngine.Validated(job, call.Now);
            return EmptyOutput.Instance;
        }
    }

    private static RestoreJobRecord FindJob(RegionState state, string id) =>
        state.RestoreJobs.TryGetValue(id, out var job)
            ? job
            : throw BackupApiError.NotFound($"Restore job {id} does not exist in account {state.AccountId}, region {state.Region}.");

    public static ListRestoreJobsOutput List(CallContext call, ListRestoreJobsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var jobs = new List<RestoreJobRecord>();
            if ((input.ByAccountId is null || input.ByAccountId == state.AccountId) && input.ByParentJobId is null)
            {
                foreach (var job in state.RestoreJobs.Values)
                {
                    if ((input.ByResourceType is null || input.ByResourceType == job.ResourceType)
                        && (input.ByRestoreTestingPlanArn is null || input.ByRestoreTestingPlanArn == job.RestoreTestingPlanArn)
                        && (input.ByStatus is not { } status || status == job.Status)
                        && (input.ByCreatedBefore is not { } before || job.CreationDate < before)
                        && (input.ByCreatedAfter is not { } after || job.CreationDate > after)
                        && (input.ByCompleteBefore is not { } completeBefore || job.CompletionDate < completeBefore)
                        && (input.ByCompleteAfter is not { } completeAfter || job.CompletionDate > completeAfter))
                    {
                        jobs.Add(job);
                    }
                }
            }

            var (page, next) = PageOf(state, jobs, input.NextToken, input.MaxResults);
            return new ListRestoreJobsOutput { RestoreJobs = page, NextToken = next };
        }
    }

    public static ListRestoreJobsByProtectedResourceOutput ListByProtectedResource(CallContext call, ListRestoreJobsByProtectedResourceInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var jobs = new List<RestoreJobRecord>();
            foreach (var job in state.RestoreJobs.Values)
            {
                if (job.SourceResourceArn == input.ResourceArn
                    && (input.ByStatus is not { } status || status == job.Status)
                    && (input.ByRecoveryPointCreationDateAfter is not { } after || job.RecoveryPointCreationDate > after)
                    && (input.ByRecoveryPointCreationDateBefore is not { } before || job.RecoveryPointCreationDate < before))
                {
                    jobs.Add(job);
                }
            }

            var (page, next) = PageOf(state, jobs, input.NextToken, input.MaxResults);
            return new ListRestoreJobsByProtectedResourceOutput { RestoreJobs = page, NextToken = next };
        }
    }

    public static ListProtectedResourcesOutput ListProtected(CallContext call, ListProtectedResourcesInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var results = ProtectedPage(LatestPoints(state, vaultName: null), input.NextToken, input.MaxResults, out var next);
            return new ListProtectedResourcesOutput { Results = results, NextToken = next };
        }
    }

    public static ListProtectedResourcesByBackupVaultOutput ListProtectedByVault(CallContext call, ListProtectedResourcesByBackupVaultInput input)
    {
        if (input.BackupVaultAccountId is { } accountId && accountId != call.AccountId)
        {
            throw BackupApiError.NotFound($"No backup vault of account {accountId} is shared with account {call.AccountId}.");
        }

        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var vault = BackupVaultOperations.Find(state, input.BackupVaultName!);
            var results = ProtectedPage(LatestPoints(state, vault.Name), input.NextToken, input.MaxResults, out var next);
            return new ListProtectedResourcesByBackupVaultOutput { Results = results, NextToken = next };
        }
    }

    private static List<ProtectedResource> ProtectedPage(
        Dictionary<string, (RecoveryPointRecord Point, VaultRecord Vault)> latest, string? token, int? maxResults, out string? next)
    {
        // Ordered by the creation sequence of each resource's latest recovery point.
        var latestPoints = new List<(RecoveryPointRecord Point, VaultRecord Vault)>(latest.Values);
        return Paging.List(latestPoints, static p => p.Point.Sequence, token, maxResults, out next, static p => ToProtectedResource(p.Point, p.Vault));
    }

    /// <summary>A resource, by its latest recovery point, as ListProtectedResources(ByBackupVault) render it.</summary>
    private static ProtectedResource ToProtectedResource(RecoveryPointRecord point, VaultRecord vault) => new()
    {
        ResourceArn = point.ResourceArn,
        ResourceType = point.ResourceType,
        ResourceName = ResourceName(point.ResourceArn),
        LastBackupTime = LastBackupTime(point),
        LastBackupVaultArn = vault.Arn,
        LastRecoveryPointArn = point.Arn,
    };

    public static DescribeProtectedResourceOutput DescribeProtected(CallContext call, DescribeProtectedResourceInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            if (!LatestPoints(state, vaultName: null).TryGetValue(input.ResourceArn!, out var latest))
            {
                throw BackupApiError.NotFound($"Resource {input.ResourceArn} has no recovery point in account {state.AccountId}, region {state.Region}.");
            }

            RestoreJobRecord? lastRestore = null;
            foreach (var job in state.RestoreJobs.Values)
            {
                if (job.SourceResourceArn == input.ResourceArn && job.Status == RestoreJobStatus.COMPLETED
                    && (lastRestore is null || job.CreationDate > lastRestore.CreationDate))
                {
                    lastRestore = job;
                }
            }

            return new DescribeProtectedResourceOutput
            {
                ResourceArn = latest.Point.ResourceArn,
                ResourceType = latest.Point.ResourceType,
                ResourceName = ResourceName(latest.Point.ResourceArn),
                LastBackupTime = LastBackupTime(latest.Point),
                LastBackupVaultArn = latest.Vault.Arn,
                LastRecoveryPointArn = latest.Point.Arn,
                LatestRestoreJobCreationDate = lastRestore?.CreationDate,
                LatestRestoreRecoveryPointCreationDate = lastRestore?.RecoveryPointCreationDate,
                LatestRestoreExecutionTimeMinutes = lastRestore?.CompletionDate is { } done ? (long)(done - lastRestore.CreationDate).TotalMinutes : null,
            };
        }
    }

    /// <summary>The newest recovery point of each resource (in one vault when <paramref name="vaultName"/> is given).</summary>
    private static Dictionary<string, (RecoveryPointRecord Point, VaultRecord Vault)> LatestPoints(RegionState state, string? vaultName)
    {
        var latest = new Dictionary<string, (RecoveryPointRecord, VaultRecord)>(StringComparer.Ordinal);
        foreach (var vault in state.Vaults.Values)
        {
            if (vaultName is not null && vault.Name != vaultName)
            {
                continue;
            }

            foreach (var point in vault.RecoveryPoints.Values)
            {
                if (!latest.TryGetValue(point.ResourceArn, out var current) || LastBackupTime(point) > LastBackupTime(current.Item1))
                {
                    latest[point.ResourceArn] = (point, vault);
                }
            }
        }

        return latest;
    }

    private static (List<RestoreJobsListMember> Page, string? Next) PageOf(RegionState state, List<RestoreJobRecord> jobs, string? token, int? maxResults)
    {
        var members = Paging.List(jobs, static j => j.Sequence, token, maxResults, out var next, job => ToListMember(state, job));
        return (members, next);
    }

    /// <summary>A restore job as DescribeRestoreJob renders it: the list member's fields.</summary>
    private static DescribeRestoreJobOutput ToDescribeOutput(RegionState state, RestoreJobRecord job)
    {
        var member = ToListMember(state, job);
        return new DescribeRestoreJobOutput
        {
            AccountId = member.AccountId,
            RestoreJobId = member.RestoreJobId,
            RecoveryPointArn = member.RecoveryPointArn,
            SourceResourceArn = member.SourceResourceArn,
            BackupVaultArn = member.BackupVaultArn,
            CreationDate = member.CreationDate,
            CompletionDate = member.CompletionDate,
            Status = member.Status,
            StatusMessage = member.StatusMessage,
            PercentDone = member.PercentDone,
            BackupSizeInBytes = member.BackupSizeInBytes,
            IamRoleArn = member.IamRoleArn,
            ExpectedCompletionTimeMinutes = member.ExpectedCompletionTimeMinutes,
            CreatedResourceArn = member.CreatedResourceArn,
            ResourceType = member.ResourceType,
            RecoveryPointCreationDate = member.RecoveryPointCreationDate,
            CreatedBy = member.CreatedBy,
            ValidationStatus = member.ValidationStatus,
            ValidationStatusMessage = member.ValidationStatusMessage,
            DeletionStatus = member.DeletionStatus,
            DeletionStatusMessage = member.DeletionStatusMessage,
            IsParent = false,
        };
    }

    /// <summary>A restore job as ListRestoreJobs and ListRestoreJobsByProtectedResource render it.</summary>
    private static RestoreJobsListMember ToListMember(RegionState state, RestoreJobRecord job) => new()
    {
        AccountId = state.AccountId,
        RestoreJobId = job.Id,
        RecoveryPointArn = job.RecoveryPointArn,
        SourceResourceArn = job.SourceResourceArn,
        BackupVaultArn = job.BackupVaultArn,
        CreationDate = job.CreationDate,
        CompletionDate = job.CompletionDate,
        Status = job.Status,
        PercentDone = job.Status == RestoreJobStatus.COMPLETED ? "100.0" : job.Status == RestoreJobStatus.RUNNING ? "50.0" : "0.0",
        BackupSizeInBytes = job.BackupSizeInBytes,
        IamRoleArn = job.IamRoleArn,
        ExpectedCompletionTimeMinutes = (long)(job.FinishAt - job.CreationDate).TotalMinutes,
        StatusMessage = job.StatusMessage,
        CreatedResourceArn = job.Status == RestoreJobStatus.COMPLETED ? job.CreatedResourceArn : null,
        ResourceType = job.ResourceType,
        RecoveryPointCreationDate = job.RecoveryPointCreationDate,
        CreatedBy = job.RestoreTestingPlanArn is { } plan ? new RestoreJobCreator { RestoreTestingPlanArn = plan } : null,
        ValidationStatus = job.ValidationStatus,
        ValidationStatusMessage = job.ValidationStatusMessage,
        DeletionStatus = job.DeletionStatus,
        DeletionStatusMessage = job.DeletionStatusMessage,
        IsParent = false,
    };

    private static (RecoveryPointRecord Point, VaultRecord Vault) FindPoint(RegionState state, string arn)
    {
        foreach (var vault in state.Vaults.Values)
        {
            if (vault.RecoveryPoints.TryGetValue(arn, out var point))
            {
                return (point, vault);
            }
        }

        throw BackupApiError.NotFound($"Recovery point {arn} does not exist in account {state.AccountId}, region {state.Region}.");
    }

    /// <summary>The ARN of the resource a restore creates, from the metadata the caller passed.</summary>
    internal static string CreatedResourceArn(RecoveryPointRecord point, Dictionary<string, string> metadata, RegionState state)
    {
        string Required(string key) => metadata.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw BackupApiError.InvalidParameter($"Restoring a {point.ResourceType} recovery point needs '{key}' in Metadata.");

        var hex = state.NewGuid().ToString("N")[..17];
        return point.ResourceType switch
        {
            "DynamoDB" => $"arn:aws:dynamodb:{state.Region}:{state.AccountId}:table/{Required("targetTableName")}",
            "RDS" => $"arn:aws:rds:{state.Region}:{state.AccountId}:db:{Required("DBInstanceIdentifier")}",
            "Aurora" => $"arn:aws:rds:{state.Region}:{state.AccountId}:cluster:{Required("DBClusterIdentifier")}",
            "S3" => $"arn:aws:s3:::{Required("DestinationBucketName")}",
            "EFS" => $"arn:aws:elasticfilesystem:{state.Region}:{state.AccountId}:file-system/fs-{hex}",
            "FSx" => $"arn:aws:fsx:{state.Region}:{state.AccountId}:file-system/fs-{hex}",
            "EBS" => $"arn:aws:ec2:{state.Region}:{state.AccountId}:volume/vol-{hex}",
            "EC2" => $"arn:aws:ec2:{state.Region}:{state.AccountId}:instance/i-{hex}",
            _ => point.ResourceArn,
        };
    }

    /// <summary>When the point last backed its resource up (a continuous point: its rule's last run).</summary>
    private static DateTimeOffset LastBackupTime(RecoveryPointRecord point) =>
        point.IsContinuous && point.LastContinuousRunAt > point.CreationDate ? point.LastContinuousRunAt : point.CreationDate;

    private static string ResourceName(string arn)
    {
        var cut = Math.Max(arn.LastIndexOf('/'), arn.LastIndexOf(':'));
        return arn[(cut + 1)..];
    }
}
