using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// Tiering configurations: create (idempotent by CreatorRequestId), get, update, delete, list. Checked as AWS documents
/// them: one configuration per vault plus one for all vaults (<c>*</c>); the vault must exist; resource selections are of
/// type S3 (the only type tiering supports), with <c>["*"]</c> or up to 100 S3 bucket ARNs in all, and 60 to 36,500 days
/// before tiering down. The emulator stores them; it does not model the low-cost warm tier itself.
/// </summary>
internal static class TieringConfigurationOperations
{
    public const int MaxResources = 100;
    public const string AllVaults = "*";

    public static CreateTieringConfigurationOutput Create(CallContext call, CreateTieringConfigurationInput input)
    {
        var document = input.TieringConfiguration!;
        var selections = CheckSelections(document.ResourceSelection!);
        if (input.TieringConfigurationTags is { } tags)
        {
            TagOperations.Merge(new Dictionary<string, string>(StringComparer.Ordinal), tags);
        }

        var state = call.State;
        lock (state.Gate)
        {
            var name = document.TieringConfigurationName!;
            if (state.TieringConfigurations.TryGetValue(name, out var existing))
            {
                if (input.CreatorRequestId is { } requestId && requestId == existing.CreatorRequestId)
                {
                    // A retry of the same create answers what the first one made.
                    return new CreateTieringConfigurationOutput { TieringConfigurationArn = existing.Arn, TieringConfigurationName = existing.Name, CreationTime = existing.CreationTime };
                }

                throw new BackupApiError(ErrorCodes.AlreadyExists, 400, $"A tiering configuration named '{name}' already exists.") { Arn = existing.Arn, CreatorRequestId = existing.CreatorRequestId };
            }

            CheckVault(state, document.BackupVaultName!, except: null);
            var now = call.Now;
            var record = new TieringConfigurationRecord
            {
                Name = name,
                Arn = $"arn:aws:backup:{state.Region}:{state.AccountId}:tiering-configuration:{name}-{state.NewGuid().ToString("N")[..8]}",
                Sequence = state.NextSequence(),
                CreatorRequestId = input.CreatorRequestId,
                CreationTime = now,
                LastUpdatedTime = now,
                BackupVaultName = document.BackupVaultName!,
                ResourceSelection = selections,
            };
            foreach (var (key, value) in input.TieringConfigurationTags ?? [])
            {
                record.Tags[key] = value;
            }

            state.TieringConfigurations.Add(name, record);
            return new CreateTieringConfigurationOutput { TieringConfigurationArn = record.Arn, TieringConfigurationName = record.Name, CreationTime = record.CreationTime };
        }
    }

    public static GetTieringConfigurationOutput Get(CallContext call, GetTieringConfigurationInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var record = Find(state, input.TieringConfigurationName!);
            return new GetTieringConfigurationOutput { TieringConfiguration = ToConfiguration(record) };
        }
    }

    /// <summary>A tiering configuration as GetTieringConfiguration renders it (its selections copied).</summary>
    private static TieringConfiguration ToConfiguration(TieringConfigurationRecord record) => new()
    {
        TieringConfigurationName = record.Name,
        TieringConfigurationArn = record.Arn,
        BackupVaultName = record.BackupVaultName,
        ResourceSelection = Copy(record.ResourceSelection),
        CreatorRequestId = record.CreatorRequestId,
        CreationTime = record.CreationTime,
        LastUpdatedTime = record.LastUpdatedTime,
    };

    /// <summary>A tiering configuration as ListTieringConfigurations renders it.</summary>
    private static TieringConfigurationsListMember ToListMember(TieringConfigurationRecord record) => new()
    {
        TieringConfigurationArn = record.Arn,
        TieringConfigurationName = record.Name,
        BackupVaultName = record.BackupVaultName,
        CreationTime = record.CreationTime,
        LastUpdatedTime = record.LastUpdatedTime,
    };

    public static UpdateTieringConfigurationOutput Update(CallContext call, UpdateTieringConfigurationInput input)
    {
        var document = input.TieringConfiguration!;
        var selections = CheckSelections(document.ResourceSelection!);
        var state = call.State;
        lock (state.Gate)
        {
            var record = Find(state, input.TieringConfigurationName!);
            CheckVault(state, document.BackupVaultName!, except: record);
            record.BackupVaultName = document.BackupVaultName!;
            record.ResourceSelection = selections;
            record.LastUpdatedTime = call.Now;
            return new UpdateTieringConfigurationOutput
            {
                TieringConfigurationArn = record.Arn,
                TieringConfigurationName = record.Name,
                CreationTime = record.CreationTime,
                LastUpdatedTime = record.LastUpdatedTime,
            };
        }
    }

    public static DeleteTieringConfigurationOutput Delete(CallContext call, DeleteTieringConfigurationInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var record = Find(state, input.TieringConfigurationName!);
            state.TieringConfigurations.Remove(record.Name);
            return new DeleteTieringConfigurationOutput();
        }
    }

    public static ListTieringConfigurationsOutput List(CallContext call, ListTieringConfigurationsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var all = state.TieringConfigurations.Values.ToList();
            var members = Paging.List(all, static t => t.Sequence, input.NextToken, input.MaxResults, out var next, ToListMember);
            return new ListTieringConfigurationsOutput { NextToken = next, TieringConfigurations = members };
        }
    }

    private static void CheckVault(RegionState state, string vaultName, TieringConfigurationRecord? except)
    {
        if (vaultName != AllVaults && !state.Vaults.ContainsKey(vaultName))
        {
            throw BackupApiError.InvalidParameter($"BackupVaultName '{vaultName}' names no backup vault in account {state.AccountId}, Region {state.Region}; create the vault first or use '*' for all vaults.");
        }

        foreach (var other in state.TieringConfigurations.Values)
        {
            if (other != except && other.BackupVaultName == vaultName)
            {
                throw new BackupApiError(
                    ErrorCodes.AlreadyExists,
                    400,
                    vaultName == AllVaults
                        ? $"Tiering configuration '{other.Name}' already applies to all vaults ('*'); there can be one such configuration."
                        : $"Backup vault '{vaultName}' already has tiering configuration '{other.Name}'; a vault can have one vault-specific tiering configuration.")
                { Arn = other.Arn };
            }
        }
    }

    private static List<ResourceSelection> CheckSelections(List<ResourceSelection> selections)
    {
        if (selections.Count == 0)
        {
            throw BackupApiError.InvalidParameter("ResourceSelection needs at least one selection, for example {\"ResourceType\": \"S3\", \"Resources\": [\"*\"], \"TieringDownSettingsInDays\": 60}.");
        }

        var specific = 0;
        foreach (var selection in selections)
        {
            if (selection.ResourceType != "S3")
            {
                throw BackupApiError.InvalidParameter($"ResourceType '{selection.ResourceType}' is not supported: tiering configurations apply to S3 backups only; use \"S3\".");
            }

            var resources = selection.Resources!;
            if (resources.Count == 0)
            {
                throw BackupApiError.InvalidParameter("Resources needs [\"*\"] (all S3 buckets) or S3 bucket ARNs.");
            }

            if (resources.Contains("*") && resources.Count > 1)
            {
                throw BackupApiError.InvalidParameter("Resources holds '*' and ARNs; use [\"*\"] alone for all buckets or list the bucket ARNs.");
            }

            foreach (var arn in resources)
            {
                if (arn == "*")
                {
                    continue;
                }

                if (!arn.StartsWith("arn:aws:s3:::", StringComparison.Ordinal) || arn.Length == "arn:aws:s3:::".Length || arn.Contains('/', StringComparison.Ordinal))
                {
                    throw BackupApiError.InvalidParameter($"Resource '{arn}' is not an S3 bucket ARN (arn:aws:s3:::<bucket>).");
                }

                specific++;
            }

            if (selection.TieringDownSettingsInDays is not (>= 60 and <= 36500))
            {
                throw BackupApiError.InvalidParameter($"TieringDownSettingsInDays must be between 60 and 36500; got {selection.TieringDownSettingsInDays}.");
            }
        }

        if (specific > MaxResources)
        {
            throw BackupApiError.LimitExceeded($"A tiering configuration can name at most {MaxResources} specific resources; this one names {specific}.");
        }

        return Copy(selections);
    }

    private static List<ResourceSelection> Copy(List<ResourceSelection> selections) =>
        selections.ConvertAll(static s => new ResourceSelection { ResourceType = s.ResourceType, Resources = [.. s.Resources ?? []], TieringDownSettingsInDays = s.TieringDownSettingsInDays });

    private static TieringConfigurationRecord Find(RegionState state, string name) =>
        state.TieringConfigurations.TryGetValue(name, out var record)
            ? record
            : throw BackupApiError.NotFound($"Tiering configuration '{name}' does not exist in account {state.AccountId}, Region {state.Region}.");
}
