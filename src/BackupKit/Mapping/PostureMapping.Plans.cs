using System.Globalization;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;
using W = BackupKit.Wire;

namespace BackupKit.Mapping;

// Backup plans and rules, model <-> wire (the plan document, create and update requests, and reading them back).
static partial class PostureMapping
{
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
}
