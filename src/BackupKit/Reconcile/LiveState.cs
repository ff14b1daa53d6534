using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;

namespace BackupKit.Reconcile;

/// <summary>A vault as it exists in AWS.</summary>
internal sealed record LiveVault(string Arn, BackupVault Model, DateTimeOffset? LockDate);

/// <summary>A plan as it exists in AWS: the document (without selections) and its selections.</summary>
internal sealed record LivePlan(string Id, string Arn, string Name, string? VersionId, M.BackupPlan? Document, IReadOnlyList<LiveSelection> Selections);

/// <summary>A vault the posture does not declare; <paramref name="ReferencedBy"/> names the declared rules that target it or copy to it.</summary>
internal sealed record UndeclaredVault(string Name, IReadOnlyList<string> ReferencedBy);

/// <summary>A selection as it exists in AWS.</summary>
internal sealed record LiveSelection(string Id, string Name, M.BackupSelection? Model);

/// <summary>A restore testing plan as it exists in AWS: the document (without selections) and its selections.</summary>
internal sealed record LiveRestoreTestingPlan(string Name, string Arn, RestoreTestingPlan? Document, IReadOnlyList<LiveRestoreTestingSelection> Selections);

/// <summary>A restore testing selection as it exists in AWS.</summary>
internal sealed record LiveRestoreTestingSelection(string Name, RestoreTestingSelection? Model);

/// <summary>The live state relevant to one posture in the client's account and Region.</summary>
internal sealed class LiveState
{
    public Dictionary<string, LiveVault> Vaults { get; } = new(StringComparer.Ordinal);

    /// <summary>Standard vaults that exist but are not declared (read only when undeclared vaults may be deleted).</summary>
    public List<UndeclaredVault> UndeclaredVaults { get; } = [];

    /// <summary>The service's time when the state was read (from its answers' <c>Date</c>), or the local time when the client does not tell it.</summary>
    public DateTimeOffset ServiceNow { get; set; }

    /// <summary>Live state read by object-kind planners added beside the built-in ones (see <see cref="IObjectKindPlanner"/>), by planner name.</summary>
    public Dictionary<string, object> Extensions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, LivePlan> Plans { get; } = new(StringComparer.Ordinal);

    public List<LivePlan> UndeclaredPlans { get; } = [];

    public Dictionary<string, LiveRestoreTestingPlan> RestoreTestingPlans { get; } = new(StringComparer.Ordinal);

    public List<LiveRestoreTestingPlan> UndeclaredRestoreTestingPlans { get; } = [];

    /// <summary>The account and partition of the caller, learned from any ARN AWS returned.</summary>
    public string? AccountId { get; private set; }

    public string Partition { get; private set; } = "aws";

    public void Observe(string? arn)
    {
        if (AccountId is null && ArnParts.Parse(arn) is { Account.Length: > 0 } parts)
        {
            AccountId = parts.Account;
            Partition = parts.Partition;
        }
    }
}

/// <summary>Reads the live state a posture is compared with; read-only calls only.</summary>
internal sealed class LiveStateReader(IBackupClient client, TimeProvider timeProvider)
{
    /// <summary>The service's time if the client tells it (after at least one answer), else the local clock.</summary>
    private DateTimeOffset Now => (client as IBackupServiceClock)?.GetServiceTime() ?? timeProvider.GetUtcNow();

    public async Task<LiveState> ReadAsync(BackupPosture posture, PostureApplyOptions options, CancellationToken cancellationToken)
    {
        var state = new LiveState();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentReads, CancellationToken = cancellationToken };

        // Independent objects are read concurrently and stored in declaration order, so the state (and every plan
        // computed from it) is the same as when read one after another.
        var vaults = await ReadEachAsync(posture.Vaults, (vault, ct) => ReadVaultAsync(vault.Name, ct), parallel).ConfigureAwait(false);
        for (var i = 0; i < vaults.Length; i++)
        {
            if (vaults[i] is { } live)
            {
                state.Vaults[posture.Vaults[i].Name] = live;
                state.Observe(live.Arn);
            }
        }

        if (options.DeleteUndeclared && options.DeleteUndeclaredVaults)
        {
            await foreach (var vault in client.PaginateListBackupVaults(new ListBackupVaultsInput { ByVaultType = VaultType.BACKUP_VAULT }, cancellationToken).ConfigureAwait(false))
            {
                if (vault.BackupVaultName is { } name && posture.FindVault(name) is null)
                {
                    state.Observe(vault.BackupVaultArn);
                    state.UndeclaredVaults.Add(new UndeclaredVault(name, References(posture, name, vault.BackupVaultArn)));
                }
            }
        }

        var listed = new List<BackupPlansListMember>();
        await foreach (var plan in client.PaginateListBackupPlans(new ListBackupPlansInput(), cancellationToken).ConfigureAwait(false))
        {
            listed.Add(plan);
        }

        // The first listed plan of a declared name is compared; any other only needs what deleting it takes.
        var plans = new List<(BackupPlansListMember Member, bool Declared)>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in listed)
        {
            if (member.BackupPlanId is not null && member.BackupPlanName is { } name)
            {
                state.Observe(member.BackupPlanArn);
                plans.Add((member, posture.FindPlan(name) is not null && claimed.Add(name)));
            }
        }

        var read = await ReadEachAsync(plans, (plan, ct) => plan.Declared ? ReadPlanAsync(plan.Member, posture, ct) : ReadUndeclaredPlanAsync(plan.Member, options, ct), parallel).ConfigureAwait(false);
        for (var i = 0; i < plans.Count; i++)
        {
            if (plans[i].Declared)
            {
                state.Plans[read[i].Name] = read[i];
            }
            else
            {
                state.UndeclaredPlans.Add(read[i]);
            }
        }

        // A posture that declares no restore testing plan does not manage restore testing (and needs no access to it).
        if (!posture.RestoreTestingPlans.IsEmpty)
        {
            await ReadRestoreTestingAsync(state, posture, options, cancellationToken).ConfigureAwait(false);
        }

        state.ServiceNow = Now;
        return state;
    }

    /// <summary>The declared rules that back up into the vault or copy to it (by name, or by its ARN).</summary>
    private static List<string> References(BackupPosture posture, string vaultName, string? vaultArn)
    {
        var references = new List<string>();
        foreach (var plan in posture.Plans)
        {
            foreach (var rule in plan.Rules)
            {
                if (rule.TargetVaultName == vaultName)
                {
                    references.Add($"plan {plan.Name} rule {rule.Name} backs up into it");
                }

                if (vaultArn is not null && rule.CopyActions.Any(c => string.Equals(c.DestinationVaultArn, vaultArn, StringComparison.Ordinal)))
                {
                    references.Add($"plan {plan.Name} rule {rule.Name} copies to it");
                }
            }
        }

        return references;
    }

    private async Task ReadRestoreTestingAsync(LiveState state, BackupPosture posture, PostureApplyOptions options, CancellationToken cancellationToken)
    {
        var listed = new List<RestoreTestingPlanForList>();
        await foreach (var plan in client.PaginateListRestoreTestingPlans(new ListRestoreTestingPlansInput(), cancellationToken).ConfigureAwait(false))
        {
            listed.Add(plan);
        }

        foreach (var member in listed)
        {
            if (member.RestoreTestingPlanName is not { } name)
            {
                continue;
            }

            var arn = member.RestoreTestingPlanArn ?? string.Empty;
            state.Observe(arn);
            var declared = posture.RestoreTestingPlans.Any(p => p.Name == name);
            if (!declared && !options.DeleteUndeclared)
            {
                state.UndeclaredRestoreTestingPlans.Add(new LiveRestoreTestingPlan(name, arn, null, []));
                continue;
            }

            var selections = new List<LiveRestoreTestingSelection>();
            await foreach (var selection in client.PaginateListRestoreTestingSelections(new ListRestoreTestingSelectionsInput { RestoreTestingPlanName = name }, cancellationToken).ConfigureAwait(false))
            {
                if (selection.RestoreTestingSelectionName is not { } selectionName)
                {
                    continue;
                }

                RestoreTestingSelection? model = null;
                if (declared)
                {
                    var output = await client.GetRestoreTestingSelectionAsync(
                        new GetRestoreTestingSelectionInput { RestoreTestingPlanName = name, RestoreTestingSelectionName = selectionName },
                        cancellationToken).ConfigureAwait(false);
                    model = output.RestoreTestingSelection is { } got ? RestoreTestingMapping.ToModel(got) : null;
                }

                selections.Add(new LiveRestoreTestingSelection(selectionName, model));
            }

            if (!declared)
            {
                state.UndeclaredRestoreTestingPlans.Add(new LiveRestoreTestingPlan(name, arn, null, selections));
                continue;
            }

            var plan = (await client.GetRestoreTestingPlanAsync(new GetRestoreTestingPlanInput { RestoreTestingPlanName = name }, cancellationToken).ConfigureAwait(false)).RestoreTestingPlan;
            var tags = await ReadTagsAsync(arn, cancellationToken).ConfigureAwait(false);
            var document = plan is null ? null : RestoreTestingMapping.ToModel(plan, tags);
            state.RestoreTestingPlans[name] = new LiveRestoreTestingPlan(name, arn, document, selections);
        }
    }

    private async Task<LiveVault?> ReadVaultAsync(string name, CancellationToken cancellationToken)
    {
        DescribeBackupVaultOutput describe;
        try
        {
            describe = await client.DescribeBackupVaultAsync(new DescribeBackupVaultInput { BackupVaultName = name }, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }

        string? policy = null;
        try
        {
            policy = (await client.GetBackupVaultAccessPolicyAsync(new GetBackupVaultAccessPolicyInput { BackupVaultName = name }, cancellationToken).ConfigureAwait(false)).Policy;
        }
        catch (ResourceNotFoundException)
        {
            // No access policy.
        }

        VaultNotifications? notifications = null;
        try
        {
            notifications = PostureMapping.ToModel(await client.GetBackupVaultNotificationsAsync(new GetBackupVaultNotificationsInput { BackupVaultName = name }, cancellationToken).ConfigureAwait(false));
        }
        catch (ResourceNotFoundException)
        {
            // No notifications.
        }

        var arn = describe.BackupVaultArn ?? string.Empty;
        var tags = await ReadTagsAsync(arn, cancellationToken).ConfigureAwait(false);
        var model = PostureMapping.ToModel(describe, policy, notifications, tags, Now);
        return new LiveVault(arn, model, describe.LockDate);
    }

    /// <summary>Reads each item with at most <see cref="ParallelOptions.MaxDegreeOfParallelism"/> reads at once; results in item order.</summary>
    private static async Task<TResult[]> ReadEachAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, CancellationToken, Task<TResult>> read, ParallelOptions parallel)
    {
        var results = new TResult[items.Count];
        if (parallel.MaxDegreeOfParallelism == 1 || items.Count < 2)
        {
            for (var i = 0; i < items.Count; i++)
            {
                results[i] = await read(items[i], parallel.CancellationToken).ConfigureAwait(false);
            }

            return results;
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), parallel, async (i, ct) => results[i] = await read(items[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    private async Task<LivePlan> ReadUndeclaredPlanAsync(BackupPlansListMember member, PostureApplyOptions options, CancellationToken cancellationToken)
    {
        var selections = options.DeleteUndeclared
            ? await ListSelectionsAsync(member.BackupPlanId!, withDetails: false, cancellationToken).ConfigureAwait(false)
            : [];
        return new LivePlan(member.BackupPlanId!, member.BackupPlanArn ?? string.Empty, member.BackupPlanName!, member.VersionId, null, selections);
    }

    private async Task<LivePlan> ReadPlanAsync(BackupPlansListMember member, BackupPosture posture, CancellationToken cancellationToken)
    {
        var id = member.BackupPlanId!;
        var output = await client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = id }, cancellationToken).ConfigureAwait(false);
        var arn = output.BackupPlanArn ?? member.BackupPlanArn ?? string.Empty;
        var tags = await ReadTagsAsync(arn, cancellationToken).ConfigureAwait(false);
        var document = PostureMapping.ToModel(output, tags, null, name => posture.FindVault(name) is null);
        var selections = await ListSelectionsAsync(id, withDetails: true, cancellationToken).ConfigureAwait(false);
        return new LivePlan(id, arn, member.BackupPlanName!, output.VersionId ?? member.VersionId, document, selections);
    }

    private async Task<List<LiveSelection>> ListSelectionsAsync(string planId, bool withDetails, CancellationToken cancellationToken)
    {
        var selections = new List<LiveSelection>();
        await foreach (var member in client.PaginateListBackupSelections(new ListBackupSelectionsInput { BackupPlanId = planId }, cancellationToken).ConfigureAwait(false))
        {
            if (member.SelectionId is not { } id)
            {
                continue;
            }

            M.BackupSelection? model = null;
            if (withDetails)
            {
                var output = await client.GetBackupSelectionAsync(new GetBackupSelectionInput { BackupPlanId = planId, SelectionId = id }, cancellationToken).ConfigureAwait(false);
                model = output.BackupSelection is null ? null : PostureMapping.ToModel(output);
            }

            selections.Add(new LiveSelection(id, member.SelectionName ?? model?.Name ?? string.Empty, model));
        }

        return selections;
    }

    private async Task<Dictionary<string, string>> ReadTagsAsync(string arn, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (arn.Length == 0)
        {
            return tags;
        }

        string? next = null;
        do
        {
            var page = await client.ListTagsAsync(new ListTagsInput { ResourceArn = arn, NextToken = next }, cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in page.Tags ?? [])
            {
                tags[key] = value;
            }

            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        return tags;
    }
}
