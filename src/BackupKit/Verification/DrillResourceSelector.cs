using BackupKit.Model;

namespace BackupKit.Verification;

/// <summary>
/// Chooses which protected resources a drill restores. A resource is in the drill when any selector of
/// <see cref="RestoreDrillOptions.Resources"/> matches it. Resources are found through the recovery points of the
/// source vaults, so a resource with no recovery point there is only reported when a selector names it by ARN.
/// </summary>
public abstract class DrillResourceSelector
{
    private protected DrillResourceSelector()
    {
    }

    /// <summary>Selects one resource by ARN; the drill reports a failed preflight when it has no usable recovery point.</summary>
    /// <param name="resourceArn">The ARN of the protected resource.</param>
    /// <returns>The selector.</returns>
    public static DrillResourceSelector Arn(string resourceArn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceArn);
        return new ArnSelector(resourceArn, null);
    }

    /// <summary>Selects one resource and restores exactly the given recovery point (which must be usable).</summary>
    /// <param name="resourceArn">The ARN of the protected resource.</param>
    /// <param name="recoveryPointArn">The recovery point to restore.</param>
    /// <returns>The selector.</returns>
    public static DrillResourceSelector RecoveryPoint(string resourceArn, string recoveryPointArn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(recoveryPointArn);
        return new ArnSelector(resourceArn, recoveryPointArn);
    }

    /// <summary>Selects every resource of an AWS Backup resource type that has recovery points in the source vaults.</summary>
    /// <param name="resourceType">For example <c>DynamoDB</c>, <c>RDS</c>, <c>EBS</c>.</param>
    /// <returns>The selector.</returns>
    public static DrillResourceSelector Type(string resourceType) => new ScopeSelector(ResourceScope.Type(resourceType));

    /// <summary>Selects every resource whose tags (as copied to its latest recovery point) hold the key and value.</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    /// <returns>The selector.</returns>
    public static DrillResourceSelector Tag(string key, string value) => new ScopeSelector(ResourceScope.Tag(key, value));

    /// <summary>Selects every resource for which <paramref name="predicate"/> returns <see langword="true"/>.</summary>
    /// <param name="predicate">A condition on the resource ARN, type and tags.</param>
    /// <returns>The selector.</returns>
    public static DrillResourceSelector Where(Func<DrillCandidate, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new PredicateSelector(predicate);
    }

    /// <summary>
    /// Selects what a restore testing selection of the posture selects: its resource type, and either its explicit
    /// ARNs or every resource of the type narrowed by its tag conditions (<c>StringEquals</c>, <c>StringNotEquals</c>),
    /// evaluated, as AWS does, on the tags of the resource's latest recovery point.
    /// </summary>
    /// <param name="selection">The restore testing selection.</param>
    /// <returns>The selector.</returns>
    public static DrillResourceSelector RestoreTestingSelection(RestoreTestingSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return new RestoreTestingSelector(selection);
    }

    /// <summary>Gets the ARN this selector names, when it names one resource.</summary>
    internal virtual string? NamedArn => null;

    /// <summary>Gets the recovery point this selector pins, if any.</summary>
    internal virtual string? PinnedRecoveryPointArn => null;

    /// <summary>Gets whether the selector needs the resources' tags.</summary>
    internal virtual bool NeedsTags => false;

    internal abstract bool Matches(DrillCandidate candidate);

    private sealed class ArnSelector(string arn, string? recoveryPointArn) : DrillResourceSelector
    {
        internal override string? NamedArn => arn;

        internal override string? PinnedRecoveryPointArn => recoveryPointArn;

        internal override bool Matches(DrillCandidate candidate) => string.Equals(candidate.ResourceArn, arn, StringComparison.Ordinal);
    }

    private sealed class ScopeSelector(ResourceScope scope) : DrillResourceSelector
    {
        internal override bool NeedsTags => scope.Kind == ResourceScopeKind.Tag;

        internal override bool Matches(DrillCandidate candidate) => scope.Matches(candidate.ResourceArn, candidate.ResourceType, candidate.Tags);
    }

    private sealed class PredicateSelector(Func<DrillCandidate, bool> predicate) : DrillResourceSelector
    {
        internal override bool NeedsTags => true;

        internal override bool Matches(DrillCandidate candidate) => predicate(candidate);
    }

    private sealed class RestoreTestingSelector(RestoreTestingSelection selection) : DrillResourceSelector
    {
        private bool Wildcard => selection.ProtectedResourceArns.Count == 0 || selection.ProtectedResourceArns.Contains("*");

        internal override bool NeedsTags => Wildcard && selection.Conditions.Count > 0;

        internal override bool Matches(DrillCandidate candidate)
        {
            if (!string.Equals(candidate.ResourceType, selection.ProtectedResourceType, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (!Wildcard)
            {
                return selection.ProtectedResourceArns.Contains(candidate.ResourceArn);
            }

            foreach (var condition in selection.Conditions.StringEquals)
            {
                if (!candidate.Tags.TryGetValue(condition.Key, out var value) || value != condition.Value)
                {
                    return false;
                }
            }

            foreach (var condition in selection.Conditions.StringNotEquals)
            {
                if (candidate.Tags.TryGetValue(condition.Key, out var value) && value == condition.Value)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>A protected resource a selector is asked about: what the recovery points of the source vaults say of it.</summary>
/// <param name="ResourceArn">The ARN of the protected resource.</param>
/// <param name="ResourceType">Its AWS Backup resource type.</param>
/// <param name="Tags">The tags of its latest recovery point (empty when no selector or scope needs tags).</param>
public sealed record DrillCandidate(string ResourceArn, string ResourceType, IReadOnlyDictionary<string, string> Tags);
