using System.Globalization;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;
using W = BackupKit.Wire;

namespace BackupKit.Mapping;

/// <summary>
/// Converts between the posture model (<see cref="BackupKit.Model"/>) and the AWS Backup wire shapes
/// (<see cref="BackupKit.Wire"/>), in both directions.
/// </summary>
/// <remarks>
/// Model to wire: unset model members are left unset on the wire (AWS then applies its own defaults), a zero is never
/// sent for "unset". Wire to model: the shapes are read as they are; AWS defaults are not stripped here, so a plan
/// read from AWS carries <c>StartWindowMinutes = 480</c> where the declaration had none. The reconcile engine
/// (<see cref="Reconcile.PostureApplier"/>) compares declared and live state with those defaults normalised.
/// </remarks>
public static class PostureMapping
{
    /// <summary>The prefix AWS requires on tag keys in selection <c>Conditions</c>.</summary>
    public const string ResourceTagPrefix = "aws:ResourceTag/";

    // ---------------------------------------------------------------- plans, model -> wire

    /// <summary>Maps a plan to the plan document of <c>CreateBackupPlan</c> / <c>UpdateBackupPlan</c>.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The plan document; selections and tags are not part of it.</returns>
    public static BackupPlanInput ToBackupPlanInput(M.BackupPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new BackupPlanInput
        {
            BackupPlanName = plan.Name,
            Rules = [.. plan.Rules.Select(ToBackupRuleInput)],
            AdvancedBackupSettings = plan.AdvancedBackupSettings.IsEmpty ? null : [.. plan.AdvancedBackupSettings.Select(ToWire)],
        };
    }

    /// <summary>Maps a plan to a <c>CreateBackupPlan</c> request (document and plan tags).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="creatorRequestId">The idempotency token, or <see langword="null"/> to let the client generate one.</param>
    /// <returns>The request.</returns>
    public static CreateBackupPlanInput ToCreateBackupPlanInput(M.BackupPlan plan, string? creatorRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new CreateBackupPlanInput
        {
            BackupPlan = ToBackupPlanInput(plan),
            BackupPlanTags = ToDictionary(plan.Tags),
            CreatorRequestId = creatorRequestId,
        };
    }

    /// <summary>Maps a plan to an <c>UpdateBackupPlan</c> request for an existing plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="backupPlanId">The id of the live plan.</param>
    /// <returns>The request.</returns>
    public static UpdateBackupPlanInput ToUpdateBackupPlanInput(M.BackupPlan plan, string backupPlanId)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPlanId);
        return new UpdateBackupPlanInput { BackupPlanId = backupPlanId, BackupPlan = ToBackupPlanInput(plan) };
    }

    /// <summary>Maps a rule to its wire form.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The wire rule.</returns>
    public static BackupRuleInput ToBackupRuleInput(M.BackupRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new BackupRuleInput
        {
            RuleName = rule.Name,
            TargetBackupVaultName = rule.TargetVaultName,
            TargetLogicallyAirGappedBackupVaultArn = rule.TargetLogicallyAirGappedVaultArn,
            ScheduleExpression = rule.Schedule is { ExpressionIsServiceDefault: false } schedule ? schedule.CronExpression : null,
            ScheduleExpressionTimezone = rule.Schedule?.TimeZone,
            StartWindowMinutes = ToMinutes(rule.StartWindow),
            CompletionWindowMinutes = ToMinutes(rule.CompletionWindow),
            Lifecycle = ToWire(rule.Lifecycle),
            RecoveryPointTags = ToDictionary(rule.RecoveryPointTags),
            CopyActions = rule.CopyActions.IsEmpty ? null : [.. rule.CopyActions.Select(c => new W.CopyAction { DestinationBackupVaultArn = c.DestinationVaultArn, Lifecycle = ToWire(c.Lifecycle) })],

            // AWS reads a missing flag as false; sending only true keeps requests minimal and round trips exact.
            EnableContinuousBackup = rule.ContinuousBackup ? true : null,
            IndexActions = rule.IndexActions.IsEmpty ? null : [.. rule.IndexActions.Select(i => new W.IndexAction { ResourceTypes = [.. i.ResourceTypes] })],
        };
    }

    /// <summary>Maps a lifecycle to its wire form; unset members stay unset (never 0).</summary>
    /// <param name="lifecycle">The lifecycle, or <see langword="null"/>.</param>
    /// <returns>The wire lifecycle, or <see langword="null"/>.</returns>
    public static W.Lifecycle? ToWire(M.Lifecycle? lifecycle) => lifecycle is null
        ? null
        : new W.Lifecycle
        {
            MoveToColdStorageAfterDays = lifecycle.MoveToColdStorageAfter?.TotalDays,
            DeleteAfterDays = lifecycle.DeleteAfter?.TotalDays,
            OptInToArchiveForSupportedResources = lifecycle.OptInToArchiveForSupportedResources ? true : null,
        };

    private static W.AdvancedBackupSetting ToWire(M.AdvancedBackupSetting setting) =>
        new() { ResourceType = setting.ResourceType, BackupOptions = ToDictionary(setting.Options) ?? [] };

    // ---------------------------------------------------------------- plans, wire -> model

    /// <summary>Reads a plan as AWS returns it from <c>GetBackupPlan</c>.</summary>
    /// <param name="output">The <c>GetBackupPlan</c> output.</param>
    /// <param name="tags">The plan's tags (from <c>ListTags</c>), or <see langword="null"/> for none.</param>
    /// <param name="selections">The plan's selections, already mapped, or <see langword="null"/> for none.</param>
    /// <param name="isExternalVault">Tells which target vaults are managed outside the posture; <see langword="null"/> treats all as declared.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">The output carries no plan document.</exception>
    public static M.BackupPlan ToModel(
        GetBackupPlanOutput output,
        IReadOnlyDictionary<string, string>? tags = null,
        IEnumerable<M.BackupSelection>? selections = null,
        Func<string, bool>? isExternalVault = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var document = output.BackupPlan
            ?? throw new ArgumentException($"GetBackupPlan output for plan '{output.BackupPlanId}' carries no BackupPlan document.", nameof(output));
        ImportGuard.NoUnknownMembers(document.UnknownMembers, "BackupPlan", document.BackupPlanName);
        ImportGuard.NotHeld(document.ScanSettings is { Count: > 0 }, "BackupPlan.ScanSettings", document.BackupPlanName);
        return new M.BackupPlan
        {
            Name = document.BackupPlanName ?? string.Empty,
            Rules = new ValueList<M.BackupRule>((document.Rules ?? []).Select(r => ToModel(ToInput(r), isExternalVault))),
            Selections = new ValueList<M.BackupSelection>(selections ?? []),
            AdvancedBackupSettings = ToModel(document.AdvancedBackupSettings ?? output.AdvancedBackupSettings),
            Tags = ToValueMap(tags),
        };
    }

    /// <summary>Reads a plan document as sent to <c>CreateBackupPlan</c> or found in plan JSON.</summary>
    /// <param name="document">The plan document.</param>
    /// <param name="tags">The plan tags, or <see langword="null"/> for none.</param>
    /// <param name="selections">The selections, or <see langword="null"/> for none.</param>
    /// <param name="isExternalVault">Tells which target vaults are managed outside the posture; <see langword="null"/> treats all as declared.</param>
    /// <returns>The plan.</returns>
    public static M.BackupPlan ToModel(
        BackupPlanInput document,
        IReadOnlyDictionary<string, string>? tags = null,
        IEnumerable<M.BackupSelection>? selections = null,
        Func<string, bool>? isExternalVault = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ImportGuard.NoUnknownMembers(document.UnknownMembers, "BackupPlanInput", document.BackupPlanName);
        ImportGuard.NotHeld(document.ScanSettings is { Count: > 0 }, "BackupPlanInput.ScanSettings", document.BackupPlanName);
        return new M.BackupPlan
        {
            Name = document.BackupPlanName ?? string.Empty,
            Rules = new ValueList<M.BackupRule>((document.Rules ?? []).Select(r => ToModel(r, isExternalVault))),
            Selections = new ValueList<M.BackupSelection>(selections ?? []),
            AdvancedBackupSettings = ToModel(document.AdvancedBackupSettings),
            Tags = ToValueMap(tags),
        };
    }

    /// <summary>Reads a wire rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="isExternalVault">Tells which target vaults are managed outside the posture; <see langword="null"/> treats all as declared.</param>
    /// <returns>The model rule.</returns>
    public static M.BackupRule ToModel(BackupRuleInput rule, Func<string, bool>? isExternalVault = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ImportGuard.NoUnknownMembers(rule.UnknownMembers, "BackupRule", rule.RuleName);
        ImportGuard.NotHeld(rule.ScanActions is { Count: > 0 }, "BackupRule.ScanActions", rule.RuleName);
        var vault = rule.TargetBackupVaultName ?? string.Empty;
        return new M.BackupRule
        {
            Name = rule.RuleName ?? string.Empty,
            TargetVaultName = vault,
            TargetVaultIsExternal = isExternalVault?.Invoke(vault) ?? false,
            TargetLogicallyAirGappedVaultArn = rule.TargetLogicallyAirGappedBackupVaultArn,
            Schedule = rule.ScheduleExpression is null && rule.ScheduleExpressionTimezone is null
                ? null
                : new BackupSchedule
                {
                    CronExpression = rule.ScheduleExpression ?? AwsDefaults.ScheduleExpression,
                    TimeZone = rule.ScheduleExpressionTimezone,
                    ExpressionIsServiceDefault = rule.ScheduleExpression is null,
                },
            StartWindow = FromMinutes(rule.StartWindowMinutes),
            CompletionWindow = FromMinutes(rule.CompletionWindowMinutes),
            Lifecycle = ToModel(rule.Lifecycle),
            ContinuousBackup = rule.EnableContinuousBackup == true,
            RecoveryPointTags = ToValueMap(rule.RecoveryPointTags),
            CopyActions = new ValueList<M.CopyAction>((rule.CopyActions ?? []).Select(c =>
            {
                ImportGuard.NoUnknownMembers(c.UnknownMembers, "CopyAction", rule.RuleName);
                return new M.CopyAction
                {
                    DestinationVaultArn = c.DestinationBackupVaultArn ?? string.Empty,
                    Lifecycle = ToModel(c.Lifecycle),
                };
            })),
            IndexActions = new ValueList<M.IndexAction>((rule.IndexActions ?? []).Select(i =>
            {
                ImportGuard.NoUnknownMembers(i.UnknownMembers, "IndexAction", rule.RuleName);
                return new M.IndexAction { ResourceTypes = new ValueList<string>(i.ResourceTypes ?? []) };
            })),
        };
    }

    /// <summary>Reads a wire lifecycle. <c>-1</c> (AWS's "remove the lifecycle") and absent values read as unset.</summary>
    /// <param name="lifecycle">The wire lifecycle, or <see langword="null"/>.</param>
    /// <returns>The model lifecycle, or <see langword="null"/>.</returns>
    /// <exception cref="NotSupportedException">The lifecycle holds a member this version of the model does not know.</exception>
    public static M.Lifecycle? ToModel(W.Lifecycle? lifecycle)
    {
        if (lifecycle is null)
        {
            return null;
        }

        ImportGuard.NoUnknownMembers(lifecycle.UnknownMembers, "Lifecycle", null);

        // DeleteAfterEvent is output only (AWS sets it; "not valid as an input"): it is service state, not posture.
        // false and absent both mean "not opted in" to AWS, so the model's bool holds both without changing what AWS does.
        return new M.Lifecycle
        {
            MoveToColdStorageAfter = ToRetention(lifecycle.MoveToColdStorageAfterDays),
            DeleteAfter = ToRetention(lifecycle.DeleteAfterDays),
            OptInToArchiveForSupportedResources = lifecycle.OptInToArchiveForSupportedResources == true,
        };
    }

    private static BackupRuleInput ToInput(W.BackupRule rule) => new()
    {
        RuleName = rule.RuleName,
        TargetBackupVaultName = rule.TargetBackupVaultName,
        TargetLogicallyAirGappedBackupVaultArn = rule.TargetLogicallyAirGappedBackupVaultArn,
        ScheduleExpression = rule.ScheduleExpression,
        ScheduleExpressionTimezone = rule.ScheduleExpressionTimezone,
        StartWindowMinutes = rule.StartWindowMinutes,
        CompletionWindowMinutes = rule.CompletionWindowMinutes,
        Lifecycle = rule.Lifecycle,
        RecoveryPointTags = rule.RecoveryPointTags,
        CopyActions = rule.CopyActions,
        EnableContinuousBackup = rule.EnableContinuousBackup,
        IndexActions = rule.IndexActions,
        ScanActions = rule.ScanActions,
        UnknownMembers = rule.UnknownMembers,
    };

    private static ValueList<M.AdvancedBackupSetting> ToModel(List<W.AdvancedBackupSetting>? settings) =>
        new((settings ?? []).Select(s =>
        {
            ImportGuard.NoUnknownMembers(s.UnknownMembers, "AdvancedBackupSetting", s.ResourceType);
            return new M.AdvancedBackupSetting { ResourceType = s.ResourceType ?? string.Empty, Options = ToValueMap(s.BackupOptions) };
        }));

    // ---------------------------------------------------------------- selections

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

    // ---------------------------------------------------------------- vaults

    /// <summary>Maps a standard vault to a <c>CreateBackupVault</c> request (name, key, tags).</summary>
    /// <param name="vault">The vault.</param>
    /// <param name="creatorRequestId">The idempotency token, or <see langword="null"/> to let the client generate one.</param>
    /// <returns>The request.</returns>
    public static CreateBackupVaultInput ToCreateBackupVaultInput(BackupVault vault, string? creatorRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(vault);
        return new CreateBackupVaultInput
        {
            BackupVaultName = vault.Name,
            EncryptionKeyArn = vault.EncryptionKeyArn,
            BackupVaultTags = ToDictionary(vault.Tags),
            CreatorRequestId = creatorRequestId,
        };
    }

    /// <summary>Maps a logically air-gapped vault to a <c>CreateLogicallyAirGappedBackupVault</c> request.</summary>
    /// <param name="vault">The vault; <see cref="BackupVault.LogicallyAirGapped"/> must be set.</param>
    /// <param name="creatorRequestId">The idempotency token, or <see langword="null"/> to let the client generate one.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">The vault is not logically air-gapped.</exception>
    public static CreateLogicallyAirGappedBackupVaultInput ToCreateLogicallyAirGappedBackupVaultInput(BackupVault vault, string? creatorRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(vault);
        var settings = vault.LogicallyAirGapped
            ?? throw new ArgumentException($"Vault '{vault.Name}' is not logically air-gapped; create it with CreateBackupVault instead.", nameof(vault));
        return new CreateLogicallyAirGappedBackupVaultInput
        {
            BackupVaultName = vault.Name,
            EncryptionKeyArn = vault.EncryptionKeyArn,
            BackupVaultTags = ToDictionary(vault.Tags),
            MinRetentionDays = settings.MinRetention.TotalDays,
            MaxRetentionDays = settings.MaxRetention.TotalDays,
            CreatorRequestId = creatorRequestId,
        };
    }

    /// <summary>Maps a Vault Lock to a <c>PutBackupVaultLockConfiguration</c> request; the mode is carried by <c>ChangeableForDays</c>.</summary>
    /// <param name="vaultName">The vault name.</param>
    /// <param name="vaultLock">The lock.</param>
    /// <returns>The request.</returns>
    public static PutBackupVaultLockConfigurationInput ToPutLockInput(string vaultName, VaultLock vaultLock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vaultName);
        ArgumentNullException.ThrowIfNull(vaultLock);
        return new PutBackupVaultLockConfigurationInput
        {
            BackupVaultName = vaultName,
            MinRetentionDays = vaultLock.MinRetention?.TotalDays,
            MaxRetentionDays = vaultLock.MaxRetention?.TotalDays,
            ChangeableForDays = vaultLock.ChangeableFor?.TotalDays,
        };
    }

    /// <summary>Reads a Vault Lock from a <c>PutBackupVaultLockConfiguration</c> request.</summary>
    /// <param name="input">The request.</param>
    /// <returns>The lock.</returns>
    public static VaultLock ToModel(PutBackupVaultLockConfigurationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return VaultLock.FromExisting(ToRetention(input.MinRetentionDays), ToRetention(input.MaxRetentionDays), ToRetention(input.ChangeableForDays));
    }

    /// <summary>Maps vault notifications to a <c>PutBackupVaultNotifications</c> request.</summary>
    /// <param name="vaultName">The vault name.</param>
    /// <param name="notifications">The notifications.</param>
    /// <returns>The request.</returns>
    public static PutBackupVaultNotificationsInput ToPutNotificationsInput(string vaultName, VaultNotifications notifications)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vaultName);
        ArgumentNullException.ThrowIfNull(notifications);
        return new PutBackupVaultNotificationsInput
        {
            BackupVaultName = vaultName,
            SNSTopicArn = notifications.SnsTopicArn,
            BackupVaultEvents = [.. notifications.Events.Select(e => new BackupVaultEvent(e))],
        };
    }

    /// <summary>Reads vault notifications from a <c>PutBackupVaultNotifications</c> request.</summary>
    /// <param name="input">The request.</param>
    /// <returns>The notifications.</returns>
    public static VaultNotifications ToModel(PutBackupVaultNotificationsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new VaultNotifications { SnsTopicArn = input.SNSTopicArn ?? string.Empty, Events = new ValueList<string>((input.BackupVaultEvents ?? []).Select(e => e.Value)) };
    }

    /// <summary>Reads vault notifications from a <c>GetBackupVaultNotifications</c> output.</summary>
    /// <param name="output">The output.</param>
    /// <returns>The notifications.</returns>
    public static VaultNotifications ToModel(GetBackupVaultNotificationsOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new VaultNotifications { SnsTopicArn = output.SNSTopicArn ?? string.Empty, Events = new ValueList<string>((output.BackupVaultEvents ?? []).Select(e => e.Value)) };
    }

    /// <summary>Maps a vault access policy to a <c>PutBackupVaultAccessPolicy</c> request.</summary>
    /// <param name="vaultName">The vault name.</param>
    /// <param name="policy">The IAM policy JSON document.</param>
    /// <returns>The request.</returns>
    public static PutBackupVaultAccessPolicyInput ToPutAccessPolicyInput(string vaultName, string policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vaultName);
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        return new PutBackupVaultAccessPolicyInput { BackupVaultName = vaultName, Policy = policy };
    }

    /// <summary>
    /// Reads a vault as AWS describes it. AWS does not return <c>ChangeableForDays</c>: a compliance-mode lock
    /// (one with a <c>LockDate</c>) reads with <see cref="VaultLock.ChangeableFor"/> set to the whole days left
    /// until its lock date as of <paramref name="now"/> (zero once immutable).
    /// </summary>
    /// <param name="vault">The <c>DescribeBackupVault</c> output.</param>
    /// <param name="accessPolicy">The access policy JSON, or <see langword="null"/> for none.</param>
    /// <param name="notifications">The notifications, or <see langword="null"/> for none.</param>
    /// <param name="tags">The vault tags, or <see langword="null"/> for none.</param>
    /// <param name="now">The current time (for the remaining cooling-off period of a compliance lock).</param>
    /// <returns>The vault. An AWS-owned default key reads as no <see cref="BackupVault.EncryptionKeyArn"/>.</returns>
    public static BackupVault ToModel(
        DescribeBackupVaultOutput vault,
        string? accessPolicy,
        VaultNotifications? notifications,
        IReadOnlyDictionary<string, string>? tags,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ImportGuard.NoUnknownMembers(vault.UnknownMembers, "DescribeBackupVaultOutput", vault.BackupVaultName);
        var airGapped = vault.VaultType == VaultType.LOGICALLY_AIR_GAPPED_BACKUP_VAULT;
        VaultLock? vaultLock = null;
        if (!airGapped && vault.Locked == true)
        {
            Retention? changeableFor = vault.LockDate is { } lockDate
                ? Retention.Days(Math.Max(0, (long)Math.Ceiling((lockDate - now).TotalDays)))
                : null;
            vaultLock = VaultLock.FromExisting(ToRetention(vault.MinRetentionDays), ToRetention(vault.MaxRetentionDays), changeableFor);
        }

        return new BackupVault
        {
            Name = vault.BackupVaultName ?? string.Empty,
            EncryptionKeyArn = vault.EncryptionKeyType == EncryptionKeyType.AWS_OWNED_KMS_KEY ? null : vault.EncryptionKeyArn,
            AccessPolicy = accessPolicy,
            Notifications = notifications,
            Lock = vaultLock,
            LogicallyAirGapped = airGapped
                ? new LogicallyAirGappedSettings
                {
                    MinRetention = ToRetention(vault.MinRetentionDays) ?? Retention.Days(0),
                    MaxRetention = ToRetention(vault.MaxRetentionDays) ?? Retention.Days(0),
                }
                : null,
            Tags = ToValueMap(tags),
        };
    }

    // ---------------------------------------------------------------- helpers

    internal static Dictionary<string, string>? ToDictionary(ValueMap<string> map)
    {
        if (map.IsEmpty)
        {
            return null;
        }

        var dictionary = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }

    internal static ValueMap<string> ToValueMap(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? ValueMap<string>.Empty : new ValueMap<string>(map);

    private static long? ToMinutes(TimeSpan? window) => window is { } w ? (long)Math.Round(w.TotalMinutes) : null;

    private static TimeSpan? FromMinutes(long? minutes) => minutes is { } m ? TimeSpan.FromMinutes(m) : null;

    private static Retention? ToRetention(long? days) => days is { } d and >= 0 ? Retention.Days(d) : null;
}
