namespace BackupKit.Verification;

/// <summary>
/// Which resources a validator, a recovery target or a clean-up applies to: every resource, one resource type, one tag
/// (key and value), or one resource ARN.
/// </summary>
public sealed record ResourceScope
{
    private ResourceScope(ResourceScopeKind kind, string? value, string? tagValue)
    {
        Kind = kind;
        Value = value;
        TagValue = tagValue;
    }

    /// <summary>Gets the kind of scope.</summary>
    public ResourceScopeKind Kind { get; }

    /// <summary>Gets the resource type, the tag key or the resource ARN; <see langword="null"/> for <see cref="ResourceScopeKind.All"/>.</summary>
    public string? Value { get; }

    /// <summary>Gets the tag value of a <see cref="ResourceScopeKind.Tag"/> scope.</summary>
    public string? TagValue { get; }

    /// <summary>Gets a scope that matches every resource.</summary>
    public static ResourceScope All { get; } = new(ResourceScopeKind.All, null, null);

    /// <summary>A scope that matches resources of one AWS Backup resource type (for example <c>DynamoDB</c>, <c>RDS</c>, <c>EBS</c>).</summary>
    /// <param name="resourceType">The AWS Backup resource type, compared without regard to case.</param>
    /// <returns>The scope.</returns>
    public static ResourceScope Type(string resourceType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceType);
        return new(ResourceScopeKind.ResourceType, resourceType, null);
    }

    /// <summary>A scope that matches resources whose tags (as AWS Backup copied them to the recovery point) hold <paramref name="key"/> = <paramref name="value"/>.</summary>
    /// <param name="key">The tag key (case-sensitive, as AWS compares tag keys).</param>
    /// <param name="value">The tag value.</param>
    /// <returns>The scope.</returns>
    public static ResourceScope Tag(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return new(ResourceScopeKind.Tag, key, value);
    }

    /// <summary>A scope that matches one resource by ARN.</summary>
    /// <param name="resourceArn">The ARN of the protected resource (the source, not the restored copy).</param>
    /// <returns>The scope.</returns>
    public static ResourceScope Arn(string resourceArn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceArn);
        return new(ResourceScopeKind.ResourceArn, resourceArn, null);
    }

    /// <summary>Tells whether a resource falls in this scope.</summary>
    /// <param name="resourceArn">The ARN of the protected resource.</param>
    /// <param name="resourceType">Its AWS Backup resource type.</param>
    /// <param name="tags">Its tags.</param>
    /// <returns><see langword="true"/> when the resource is in scope.</returns>
    public bool Matches(string resourceArn, string resourceType, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return Kind switch
        {
            ResourceScopeKind.All => true,
            ResourceScopeKind.ResourceType => string.Equals(Value, resourceType, StringComparison.OrdinalIgnoreCase),
            ResourceScopeKind.Tag => tags.TryGetValue(Value!, out var tagValue) && string.Equals(tagValue, TagValue, StringComparison.Ordinal),
            _ => string.Equals(Value, resourceArn, StringComparison.Ordinal),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ResourceScopeKind.All => "all resources",
        ResourceScopeKind.ResourceType => $"type {Value}",
        ResourceScopeKind.Tag => $"tag {Value}={TagValue}",
        _ => Value!,
    };
}

/// <summary>The kinds of <see cref="ResourceScope"/>.</summary>
public enum ResourceScopeKind
{
    /// <summary>Every resource.</summary>
    All,

    /// <summary>One AWS Backup resource type.</summary>
    ResourceType,

    /// <summary>One tag key and value.</summary>
    Tag,

    /// <summary>One resource ARN.</summary>
    ResourceArn,
}
