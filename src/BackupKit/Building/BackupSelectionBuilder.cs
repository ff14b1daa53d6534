using BackupKit.Model;

namespace BackupKit.Building;

/// <summary>
/// Configures a <see cref="BackupSelection"/>; obtained from <see cref="BackupPlanBuilder.Select"/>.
/// AWS selects resources matching (<see cref="Include"/> OR <see cref="WhereTag"/>), keeps those meeting every
/// <c>Require…</c>/<c>Exclude…</c> tag condition, and drops the <see cref="Except"/> ARNs.
/// </summary>
public sealed class BackupSelectionBuilder
{
    private readonly BuilderGuard _guard = new(nameof(BackupSelectionBuilder));
    private readonly string _name;
    private readonly List<string> _resources = [];
    private readonly List<string> _notResources = [];
    private readonly List<TagCondition> _listOfTags = [];
    private readonly List<TagCondition> _stringEquals = [];
    private readonly List<TagCondition> _stringNotEquals = [];
    private readonly List<TagCondition> _stringLike = [];
    private readonly List<TagCondition> _stringNotLike = [];
    private IamRoleReference _role = IamRoleReference.DefaultServiceRole;

    internal BackupSelectionBuilder(string name) => _name = name;

    /// <summary>Uses an explicit IAM role instead of the account's AWS Backup default service role.</summary>
    /// <param name="roleArn">The role ARN; the role must trust <c>backup.amazonaws.com</c>.</param>
    /// <returns>This builder.</returns>
    public BackupSelectionBuilder WithRole(string roleArn)
    {
        _guard.ThrowIfFrozen();
        _role = IamRoleReference.FromArn(roleArn);
        return this;
    }

    /// <summary>Uses the account's AWS Backup default service role (the default).</summary>
    /// <returns>This builder.</returns>
    public BackupSelectionBuilder WithDefaultServiceRole()
    {
        _guard.ThrowIfFrozen();
        _role = IamRoleReference.DefaultServiceRole;
        return this;
    }

    /// <summary>Selects resources by ARN or ARN pattern (OR-ed), e.g. <c>arn:aws:dynamodb:*:*:table/*</c>.</summary>
    /// <param name="resourceArns">The ARNs or patterns.</param>
    /// <returns>This builder.</returns>
    public BackupSelectionBuilder Include(params string[] resourceArns)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(resourceArns);
        _resources.AddRange(resourceArns);
        return this;
    }

    /// <summary>Selects every supported resource (<c>Resources: ["*"]</c>), usually narrowed by <c>Require…</c> conditions.</summary>
    /// <returns>This builder.</returns>
    public BackupSelectionBuilder AllResources() => Include("*");

    /// <summary>Excludes resources by ARN or ARN pattern (AWS <c>NotResources</c>).</summary>
    /// <param name="resourceArns">The ARNs or patterns.</param>
    /// <returns>This builder.</returns>
    public BackupSelectionBuilder Except(params string[] resourceArns)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(resourceArns);
        _notResources.AddRange(resourceArns);
        return this;
    }

    /// <summary>
    /// Selects resources whose tag <paramref name="key"/> equals <paramref name="value"/> (AWS <c>ListOfTags</c>).
    /// Several <c>WhereTag</c> calls are OR-ed; use <see cref="RequireTag"/> for AND.
    /// </summary>
    /// <param name="key">The bare tag key, e.g. <c>backup</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public BackupSelectionBuilder WhereTag(string key, string value) => Add(_listOfTags, key, value);

    /// <summary>Keeps only resources whose tag equals the value (AWS <c>Conditions.StringEquals</c>, AND-ed).</summary>
    /// <param name="key">The bare tag key; BackupKit writes <c>aws:ResourceTag/</c> for AWS.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public BackupSelectionBuilder RequireTag(string key, string value) => Add(_stringEquals, key, value);

    /// <summary>Keeps only resources whose tag matches a pattern, <c>*</c> matching any run of characters (AWS <c>Conditions.StringLike</c>).</summary>
    /// <param name="key">The bare tag key.</param>
    /// <param name="pattern">The pattern, e.g. <c>prod-*</c>; <c>*</c> alone means "tag present".</param>
    /// <returns>This builder.</returns>
    public BackupSelectionBuilder RequireTagLike(string key, string pattern) => Add(_stringLike, key, pattern);

    /// <summary>Drops resources whose tag equals the value (AWS <c>Conditions.StringNotEquals</c>), e.g. <c>ExcludeTag("backup", "false")</c>.</summary>
    /// <param name="key">The bare tag key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public BackupSelectionBuilder ExcludeTag(string key, string value) => Add(_stringNotEquals, key, value);

    /// <summary>Drops resources whose tag matches a pattern (AWS <c>Conditions.StringNotLike</c>).</summary>
    /// <param name="key">The bare tag key.</param>
    /// <param name="pattern">The pattern.</param>
    /// <returns>This builder.</returns>
    public BackupSelectionBuilder ExcludeTagLike(string key, string pattern) => Add(_stringNotLike, key, pattern);

    internal BackupSelection ToModel()
    {
        _guard.Freeze();
        return new BackupSelection
        {
            Name = _name,
            IamRole = _role,
            Resources = new ValueList<string>(_resources),
            NotResources = new ValueList<string>(_notResources),
            ListOfTags = new ValueList<TagCondition>(_listOfTags),
            Conditions = new SelectionConditions
            {
                StringEquals = new ValueList<TagCondition>(_stringEquals),
                StringNotEquals = new ValueList<TagCondition>(_stringNotEquals),
                StringLike = new ValueList<TagCondition>(_stringLike),
                StringNotLike = new ValueList<TagCondition>(_stringNotLike),
            },
        };
    }

    private BackupSelectionBuilder Add(List<TagCondition> list, string key, string value)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        list.Add(new TagCondition(key, value));
        return this;
    }
}
