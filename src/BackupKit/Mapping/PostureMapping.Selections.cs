using System.Globalization;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;
using W = BackupKit.Wire;

namespace BackupKit.Mapping;

// Backup selections, model <-> wire (resources, conditions, the IAM role).
static partial class PostureMapping
{
    /// <summary>Maps a selection to its wire form with the IAM role resolved.</summary>
    /// <param name="selection">The selection.</param>
    /// <param name="iamRoleArn">The resolved role ARN (see <see cref="IamRoleReference.Resolve"/>).</param>
    /// <returns>The wire selection.</returns>
    public static W.BackupSelection ToWire(M.BackupSelection selection, string iamRoleArn)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentException.ThrowIfNullOrWhiteSpace(iamRoleArn);
        var conditions = selection.Conditions;
        return new W.BackupSelection
        {
            SelectionName = selection.Name,
            IamRoleArn = iamRoleArn,
            Resources = selection.Resources.IsEmpty ? null : [.. selection.Resources],
            NotResources = selection.NotResources.IsEmpty ? null : [.. selection.NotResources],
            ListOfTags = selection.ListOfTags.IsEmpty
                ? null
                : [.. selection.ListOfTags.Select(t => new Condition { ConditionType = ConditionType.STRINGEQUALS, ConditionKey = t.Key, ConditionValue = t.Value })],
            Conditions = conditions.Count == 0
                ? null
                : new Conditions
                {
                    StringEquals = ToParameters(conditions.StringEquals),
                    StringNotEquals = ToParameters(conditions.StringNotEquals),
                    StringLike = ToParameters(conditions.StringLike),
                    StringNotLike = ToParameters(conditions.StringNotLike),
                },
        };
    }

    /// <summary>Maps a selection to a <c>CreateBackupSelection</c> request.</summary>
    /// <param name="selection">The selection.</param>
    /// <param name="backupPlanId">The id of the plan the selection belongs to.</param>
    /// <param name="accountId">The 12-digit account the plan lives in (resolves the default service role).</param>
    /// <param name="partition">The AWS partition of that account.</param>
    /// <param name="creatorRequestId">The idempotency token, or <see langword="null"/> to let the client generate one.</param>
    /// <returns>The request.</returns>
    public static CreateBackupSelectionInput ToCreateBackupSelectionInput(
        M.BackupSelection selection,
        string backupPlanId,
        string accountId,
        string partition = "aws",
        string? creatorRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPlanId);
        return new CreateBackupSelectionInput
        {
            BackupPlanId = backupPlanId,
            BackupSelection = ToWire(selection, selection.IamRole.Resolve(accountId, partition)),
            CreatorRequestId = creatorRequestId,
        };
    }

    /// <summary>
    /// Reads a wire selection. A role ARN that is the AWS Backup default service role of any account reads as
    /// <see cref="IamRoleReference.DefaultServiceRole"/>; the <c>aws:ResourceTag/</c> prefix of condition keys is removed.
    /// </summary>
    /// <param name="selection">The wire selection.</param>
    /// <returns>The model selection.</returns>
    public static M.BackupSelection ToModel(W.BackupSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var conditions = selection.Conditions;
        ImportGuard.NoUnknownMembers(selection.UnknownMembers, "BackupSelection", selection.SelectionName);
        ImportGuard.NoUnknownMembers(conditions?.UnknownMembers, "Conditions", selection.SelectionName);
        foreach (var condition in selection.ListOfTags ?? [])
        {
            ImportGuard.NoUnknownMembers(condition.UnknownMembers, "Condition", selection.SelectionName);
        }

        return new M.BackupSelection
        {
            Name = selection.SelectionName ?? string.Empty,
            IamRole = ToRoleReference(selection.IamRoleArn),
            Resources = new ValueList<string>(selection.Resources ?? []),
            NotResources = new ValueList<string>(selection.NotResources ?? []),
            ListOfTags = new ValueList<TagCondition>((selection.ListOfTags ?? []).Select(c => c.ConditionType == ConditionType.STRINGEQUALS
                ? new TagCondition(c.ConditionKey ?? string.Empty, c.ConditionValue ?? string.Empty)
                : throw new NotSupportedException(
                    $"BackupSelection.ListOfTags Condition.ConditionType '{c.ConditionType}' of selection '{selection.SelectionName}' is not one BackupKit's model can hold (STRINGEQUALS); import stops rather than rewrite it."))),
            Conditions = conditions is null
                ? SelectionConditions.None
                : new SelectionConditions
                {
                    StringEquals = FromParameters(conditions.StringEquals),
                    StringNotEquals = FromParameters(conditions.StringNotEquals),
                    StringLike = FromParameters(conditions.StringLike),
                    StringNotLike = FromParameters(conditions.StringNotLike),
                },
        };
    }

    /// <summary>Reads a selection as <c>GetBackupSelection</c> returns it.</summary>
    /// <param name="output">The <c>GetBackupSelection</c> output.</param>
    /// <returns>The model selection.</returns>
    /// <exception cref="ArgumentException">The output carries no selection.</exception>
    public static M.BackupSelection ToModel(GetBackupSelectionOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return ToModel(output.BackupSelection
            ?? throw new ArgumentException($"GetBackupSelection output for selection '{output.SelectionId}' carries no BackupSelection.", nameof(output)));
    }

    /// <summary>Reads the role of a selection: the default service role of any account becomes <see cref="IamRoleReference.DefaultServiceRole"/>.</summary>
    /// <param name="arn">The role ARN, or <see langword="null"/>.</param>
    /// <returns>The reference.</returns>
    public static IamRoleReference ToRoleReference(string? arn)
    {
        if (string.IsNullOrEmpty(arn))
        {
            return IamRoleReference.DefaultServiceRole;
        }

        var parts = ArnParts.Parse(arn);
        return parts is { Service: "iam" } && parts.Resource == "role/" + IamRoleReference.DefaultServiceRoleName
            ? IamRoleReference.DefaultServiceRole
            : IamRoleReference.FromArn(arn);
    }

    private static List<ConditionParameter>? ToParameters(ValueList<TagCondition> conditions) =>
        conditions.IsEmpty ? null : [.. conditions.Select(c => new ConditionParameter { ConditionKey = ResourceTagPrefix + c.Key, ConditionValue = c.Value })];

    private static ValueList<TagCondition> FromParameters(List<ConditionParameter>? parameters) =>
        new((parameters ?? []).Select(p =>
        {
            ImportGuard.NoUnknownMembers(p.UnknownMembers, "ConditionParameter", null);
            var key = p.ConditionKey ?? string.Empty;

            // The model writes every Conditions key with the prefix: a bare key would come back rewritten, so import stops.
            return key.StartsWith(ResourceTagPrefix, StringComparison.Ordinal)
                ? new TagCondition(key[ResourceTagPrefix.Length..], p.ConditionValue ?? string.Empty)
                : throw new NotSupportedException(
                    $"BackupSelection.Conditions ConditionParameter.ConditionKey '{key}' has no '{ResourceTagPrefix}' prefix; BackupKit's model writes every condition key with it, so import stops rather than rewrite it.");
        }));
}
