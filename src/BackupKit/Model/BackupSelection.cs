namespace BackupKit.Model;

/// <summary>
/// A resource selection (assignment) of a backup plan. AWS selects
/// (<see cref="Resources"/> OR <see cref="ListOfTags"/>) AND every <see cref="Conditions"/> clause, then removes
/// <see cref="NotResources"/>.
/// </summary>
public sealed record BackupSelection
{
    /// <summary>Gets the selection name: 1 to 50 letters, digits, hyphens, underscores or dots; unique within its plan.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the IAM role AWS Backup assumes to back up the selected resources.</summary>
    public IamRoleReference IamRole { get; init; } = IamRoleReference.DefaultServiceRole;

    /// <summary>Gets the selected resource ARNs or ARN patterns (OR-ed); <c>*</c> selects every supported resource.</summary>
    public ValueList<string> Resources { get; init; }

    /// <summary>Gets the excluded resource ARNs or ARN patterns.</summary>
    public ValueList<string> NotResources { get; init; }

    /// <summary>Gets tag equality tests that select resources (AWS <c>ListOfTags</c>, OR-ed with each other and with <see cref="Resources"/>).</summary>
    public ValueList<TagCondition> ListOfTags { get; init; }

    /// <summary>Gets the tag conditions that every selected resource must satisfy (AWS <c>Conditions</c>, AND-ed).</summary>
    public SelectionConditions Conditions { get; init; } = SelectionConditions.None;
}

/// <summary>
/// A tag test. <see cref="Key"/> is the bare tag key (e.g. <c>backup</c>); in <c>Conditions</c> AWS expects the
/// key written <c>aws:ResourceTag/backup</c>, which the mapping layer adds.
/// </summary>
/// <param name="Key">The bare tag key.</param>
/// <param name="Value">The value, or for the <c>Like</c> operators a pattern where <c>*</c> matches any run of characters.</param>
public sealed record TagCondition(string Key, string Value);

/// <summary>The four AND-ed tag condition lists of a selection (AWS <c>Conditions</c>).</summary>
public sealed record SelectionConditions
{
    /// <summary>Gets an empty set of conditions.</summary>
    public static SelectionConditions None { get; } = new();

    /// <summary>Gets the conditions whose tag must equal the value.</summary>
    public ValueList<TagCondition> StringEquals { get; init; }

    /// <summary>Gets the conditions whose tag must not equal the value.</summary>
    public ValueList<TagCondition> StringNotEquals { get; init; }

    /// <summary>Gets the conditions whose tag must match the pattern.</summary>
    public ValueList<TagCondition> StringLike { get; init; }

    /// <summary>Gets the conditions whose tag must not match the pattern.</summary>
    public ValueList<TagCondition> StringNotLike { get; init; }

    /// <summary>Gets the total number of conditions (AWS allows at most 30 per selection).</summary>
    public int Count => StringEquals.Count + StringNotEquals.Count + StringLike.Count + StringNotLike.Count;
}

/// <summary>
/// The IAM role of a selection: an explicit role ARN, or the AWS Backup default service role of whichever account
/// the posture is applied to (<c>arn:aws:iam::{account}:role/service-role/AWSBackupDefaultServiceRole</c>).
/// </summary>
public sealed record IamRoleReference
{
    /// <summary>The path and name of the default service role the AWS Backup console creates.</summary>
    public const string DefaultServiceRoleName = "service-role/AWSBackupDefaultServiceRole";

    private IamRoleReference(string? arn) => Arn = arn;

    /// <summary>Gets the account's AWS Backup default service role, resolved per account.</summary>
    public static IamRoleReference DefaultServiceRole { get; } = new((string?)null);

    /// <summary>Gets the explicit role ARN, or <see langword="null"/> for the default service role.</summary>
    public string? Arn { get; }

    /// <summary>Gets a value indicating whether this is the per-account default service role.</summary>
    public bool IsDefaultServiceRole => Arn is null;

    /// <summary>Refers to an explicit role.</summary>
    /// <param name="arn">The role ARN, e.g. <c>arn:aws:iam::123456789012:role/BackupRole</c>.</param>
    /// <returns>The reference.</returns>
    public static IamRoleReference FromArn(string arn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(arn);
        return new IamRoleReference(arn);
    }

    /// <summary>Returns the role ARN for an account.</summary>
    /// <param name="accountId">The 12-digit account id the posture is applied to.</param>
    /// <param name="partition">The AWS partition: <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>...</param>
    /// <returns>The explicit ARN, or the default service role ARN in that account.</returns>
    public string Resolve(string accountId, string partition = "aws")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(partition);
        return Arn ?? $"arn:{partition}:iam::{accountId}:role/{DefaultServiceRoleName}";
    }

    /// <summary>Returns the ARN, or the ARN template of the default role with an <c>{account}</c> placeholder.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Arn ?? "arn:aws:iam::{account}:role/" + DefaultServiceRoleName;
}
