using BackupKit.Local.Hosting;
using BackupKit.Local.Inventory;
using BackupKit.Local.Operations;
using BackupKit.Local.State;

namespace BackupKit.Local;

/// <summary>
/// The emulated resources of every account and Region that backup plans protect: DynamoDB tables, RDS instances, Aurora
/// clusters, EBS volumes, EC2 instances, EFS and FSx file systems, S3 buckets. Selections pick them by ARN and tags as
/// AWS does; a backup copies a resource's <see cref="ResourceContent"/> into its recovery point; a restore creates a
/// resource here. Every change first brings the resource's account and Region up to the emulator's time, so a scheduled
/// run that was due before the change sees the resource as it was. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var table = emulator.Inventory.Add("arn:aws:dynamodb:us-east-1:000000000000:table/orders", new Dictionary&lt;string, string&gt; { ["backup"] = "daily" });
/// emulator.Inventory.Change(table.Arn, new ResourceContent(1200, "c0ffee"));
/// </code>
/// </example>
public sealed class EmulatedInventory
{
    private readonly EmulatorState _state;
    private readonly TimeProvider _clock;
    private readonly string _defaultAccountId;

    internal EmulatedInventory(EmulatorState state, TimeProvider clock, string defaultAccountId)
    {
        _state = state;
        _clock = clock;
        _defaultAccountId = defaultAccountId;
    }

    /// <summary>The Region of resources whose ARN has none (S3 buckets) when the caller names none.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>Adds a resource, or replaces the one with the same ARN.</summary>
    /// <param name="resourceArn">The ARN in AWS's form; its account and Region place the resource.</param>
    /// <param name="tags">The resource's tags; none when null.</param>
    /// <param name="sizeInBytes">The resource's size (1 GiB by default); backup and restore take longer for larger resources.</param>
    /// <param name="content">The fingerprint of its data; by default 1,000 items and a checksum derived from the ARN.</param>
    /// <param name="accountId">For ARNs without an account (S3 buckets): the owner; the emulator's default account when null. Must match the ARN's account otherwise.</param>
    /// <param name="region">For ARNs without a Region (S3 buckets): the Region; us-east-1 when null. Must match the ARN's Region otherwise.</param>
    /// <returns>The resource as stored.</returns>
    /// <exception cref="ArgumentException">The ARN is not one of a modeled type in AWS's form, or the account or Region contradicts it.</exception>
    public EmulatedResource Add(
        string resourceArn,
        IReadOnlyDictionary<string, string>? tags = null,
        long sizeInBytes = 1L << 30,
        ResourceContent? content = null,
        string? accountId = null,
        string? region = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeInBytes);
        var (parsed, owner, where) = Place(resourceArn, accountId, region);
        var resource = new EmulatedResource(
            resourceArn,
            parsed.ResourceType,
            owner,
            where,
            CopyTags(tags),
            sizeInBytes,
            content ?? ResourceArns.DefaultContent(resourceArn),
            RestoredFromRecoveryPointArn: null);
        var state = _state.For(owner, where);
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, Now);
            state.Resources.Put(resource);
        }

        return resource;
    }

    /// <summary>Sets a tag on a resource (replacing the value of an existing key).</summary>
    /// <exception cref="KeyNotFoundException">No resource has this ARN.</exception>
    public EmulatedResource Tag(string resourceArn, string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        return Update(resourceArn, r =>
        {
            var tags = new Dictionary<string, string>(r.Tags, StringComparer.Ordinal) { [key] = value };
            return r with { Tags = tags };
        });
    }

    /// <summary>Removes a tag from a resource (nothing changes when it has no such tag).</summary>
    /// <exception cref="KeyNotFoundException">No resource has this ARN.</exception>
    public EmulatedResource Untag(string resourceArn, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Update(resourceArn, r =>
        {
            var tags = new Dictionary<string, string>(r.Tags, StringComparer.Ordinal);
            tags.Remove(key);
            return r with { Tags = tags };
        });
    }

    /// <summary>Records that a resource's data changed: later backups hold the new content; continuous backups can restore either.</summary>
    /// <exception cref="KeyNotFoundException">No resource has this ARN.</exception>
    public EmulatedResource Change(string resourceArn, ResourceContent content, long? sizeInBytes = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (sizeInBytes is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(size, nameof(sizeInBytes));
        }

        return Update(resourceArn, r => r with { Content = content, SizeInBytes = sizeInBytes ?? r.SizeInBytes });
    }

    /// <summary>Removes a resource (its recovery points stay); false when there was none with this ARN.</summary>
    public bool Remove(string resourceArn)
    {
        foreach (var state in StatesOf(resourceArn))
        {
            lock (state.Gate)
            {
                BackupJobEngine.Advance(state, Now);
                if (state.Resources.Remove(resourceArn))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The resource with this ARN, or null.</summary>
    public EmulatedResource? Find(string resourceArn)
    {
        ArgumentNullException.ThrowIfNull(resourceArn);
        foreach (var state in StatesOf(resourceArn))
        {
            lock (state.Gate)
            {
                if (state.Resources.Find(resourceArn) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary>The resources of an account and/or Region (all when both are null), ordered by ARN.</summary>
    public IReadOnlyList<EmulatedResource> List(string? accountId = null, string? region = null)
    {
        var result = new List<EmulatedResource>();
        foreach (var state in _state.All)
        {
            if ((accountId is null || state.AccountId == accountId) && (region is null || state.Region == region))
            {
                lock (state.Gate)
                {
                    BackupJobEngine.Advance(state, Now);
                    result.AddRange(state.Resources.All);
                }
            }
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Arn, b.Arn));
        return result;
    }

    /// <summary>
    /// The content a recovery point holds (copied from the resource when its backup job started; for a continuous
    /// recovery point, the latest restorable content), or null when no recovery point has this ARN or it holds no
    /// modeled content (a backup of a resource that is not in the inventory).
    /// </summary>
    public ResourceContent? ContentOf(string recoveryPointArn)
    {
        ArgumentNullException.ThrowIfNull(recoveryPointArn);
        var parts = recoveryPointArn.Split(':');
        var region = parts.Length > 3 ? parts[3] : string.Empty;
        foreach (var state in _state.All)
        {
            if (region.Length > 0 && state.Region != region)
            {
                continue;
            }

            lock (state.Gate)
            {
                BackupJobEngine.Advance(state, Now);
                foreach (var vault in state.Vaults.Values)
                {
                    if (vault.RecoveryPoints.TryGetValue(recoveryPointArn, out var point))
                    {
                        return point.Content;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Adds a resource a restore job created (under the gate of its region, already brought up to date).</summary>
    internal static void AddRestored(RegionState state, EmulatedResource resource) => state.Resources.Put(resource);

    private DateTimeOffset Now
    {
        get
        {
            var now = _clock.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        }
    }

    private EmulatedResource Update(string resourceArn, Func<EmulatedResource, EmulatedResource> change)
    {
        ArgumentNullException.ThrowIfNull(resourceArn);
        var now = Now;
        foreach (var state in StatesOf(resourceArn))
        {
            lock (state.Gate)
            {
                BackupJobEngine.Advance(state, now);
                if (state.Resources.Find(resourceArn) is { } existing)
                {
                    var changed = change(existing);
                    state.Resources.Put(changed);
                    if (!ReferenceEquals(changed.Content, existing.Content))
                    {
                        ContinuousBackup.RecordChange(state, changed, now);
                    }

                    return changed;
                }
            }
        }

        throw new KeyNotFoundException($"The emulator's inventory has no resource '{resourceArn}'. Add it first with Inventory.Add.");
    }

    /// <summary>The states that can hold the ARN: its own account and Region, or for S3 buckets every state.</summary>
    private IEnumerable<RegionState> StatesOf(string resourceArn)
    {
        if (ResourceArns.TryParse(resourceArn, out var parsed, out _) && parsed.AccountId is { } account && parsed.Region is { } region)
        {
            return _state.Existing(account, region) is { } state ? [state] : [];
        }

        return _state.All;
    }

    private (ParsedResourceArn Parsed, string AccountId, string Region) Place(string resourceArn, string? accountId, string? region)
    {
        ArgumentNullException.ThrowIfNull(resourceArn);
        if (!ResourceArns.TryParse(resourceArn, out var parsed, out var error))
        {
            throw new ArgumentException(error, nameof(resourceArn));
        }

        if (accountId is not null && !AccountResolver.IsAccountId(accountId))
        {
            throw new ArgumentException($"'{accountId}' is not a 12-digit AWS account id.", nameof(accountId));
        }

        if (parsed.AccountId is { } arnAccount && accountId is not null && accountId != arnAccount)
        {
            throw new ArgumentException($"The ARN '{resourceArn}' belongs to account {arnAccount}, not {accountId}; leave accountId out for ARNs that name their account.", nameof(accountId));
        }

        if (parsed.Region is { } arnRegion && region is not null && region != arnRegion)
        {
            throw new ArgumentException($"The ARN '{resourceArn}' is in {arnRegion}, not {region}; leave region out for ARNs that name their Region.", nameof(region));
        }

        return (parsed, parsed.AccountId ?? accountId ?? _defaultAccountId, parsed.Region ?? region ?? DefaultRegion);
    }

    private static Dictionary<string, string> CopyTags(IReadOnlyDictionary<string, string>? tags)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            ArgumentException.ThrowIfNullOrEmpty(key, nameof(tags));
            copy[key] = value ?? throw new ArgumentException($"Tag '{key}' has no value; use an empty string for a tag without value.", nameof(tags));
        }

        return copy;
    }
}
