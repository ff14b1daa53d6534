using System.Buffers;
using System.Text;
using System.Text.Json;
using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// Backup plan templates and plan documents as JSON: the templates AWS Backup offers (ListBackupPlanTemplates,
/// GetBackupPlanFromTemplate), a plan exported as a template (ExportBackupPlanTemplate) and a JSON document checked and
/// read back into a plan (GetBackupPlanFromJSON) with the same rules CreateBackupPlan applies.
/// </summary>
internal static class BackupPlanTemplateOperations
{
    /// <summary>The largest template document GetBackupPlanFromJSON reads.</summary>
    public const int MaxTemplateJsonLength = 65536;

    private static readonly Lazy<IReadOnlyList<Template>> Templates = new(BuildTemplates);

    public static ListBackupPlanTemplatesOutput List(CallContext call, ListBackupPlanTemplatesInput input)
    {
        var all = Templates.Value;
        var members = Paging.List([.. all], static t => t.Sequence, input.NextToken, input.MaxResults, out var next, ToListMember);
        return new ListBackupPlanTemplatesOutput { BackupPlanTemplatesList = members, NextToken = next };
    }

    /// <summary>A template as ListBackupPlanTemplates renders it.</summary>
    private static BackupPlanTemplatesListMember ToListMember(Template template) =>
        new() { BackupPlanTemplateId = template.Id, BackupPlanTemplateName = template.Name };

    public static GetBackupPlanFromTemplateOutput GetFromTemplate(CallContext call, GetBackupPlanFromTemplateInput input)
    {
        foreach (var template in Templates.Value)
        {
            if (template.Id == input.BackupPlanTemplateId)
            {
                return new GetBackupPlanFromTemplateOutput { BackupPlanDocument = template.Document() };
            }
        }

        throw BackupApiError.NotFound($"Backup plan template '{input.BackupPlanTemplateId}' does not exist; ListBackupPlanTemplates lists the template ids.");
    }

    public static GetBackupPlanFromJSONOutput GetFromJson(CallContext call, GetBackupPlanFromJSONInput input)
    {
        var json = input.BackupPlanTemplateJson!;
        if (json.Length > MaxTemplateJsonLength)
        {
            throw BackupApiError.LimitExceeded($"BackupPlanTemplateJson is {json.Length} characters long; AWS Backup reads at most {MaxTemplateJsonLength}.");
        }

        // The document is a BackupPlanInput; read and check it exactly as CreateBackupPlan reads its BackupPlan member.
        var body = Encoding.UTF8.GetBytes("{\"BackupPlan\":" + json + "}");
        CreateBackupPlanInput wrapped;
        try
        {
            using (JsonDocument.Parse(json))
            {
                // Only checks that the text is one JSON value.
            }

            wrapped = ServerOperations.CreateBackupPlan.ReadInput(new ServerRequest(new Dictionary<string, string>(), static _ => null, body));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or WireFormatException)
        {
            throw BackupApiError.InvalidRequest($"BackupPlanTemplateJson is not a valid backup plan document: {ex.Message}");
        }

        var errors = new ModelValidationErrors();
        ServerOperations.CreateBackupPlan.Validate(wrapped, errors);
        if (!errors.IsEmpty)
        {
            var missing = errors.Errors.FirstOrDefault(static e => e.Kind == ModelValidationErrorKind.Missing);
            throw missing is not null
                ? BackupApiError.MissingParameter(missing.Message)
                : BackupApiError.InvalidParameter(string.Join(" ", errors.Errors.Select(static e => e.Message)));
        }

        var document = wrapped.BackupPlan!;
        RequestRules.CheckPlan(document);
        return new GetBackupPlanFromJSONOutput { BackupPlan = ToPlan(document) };
    }

    public static ExportBackupPlanTemplateOutput Export(CallContext call, ExportBackupPlanTemplateInput input)
    {
        BackupPlan document;
        var state = call.State;
        lock (state.Gate)
        {
            document = BackupPlanOperations.FindLive(state, input.BackupPlanId!).Current.Document;
        }

        // A template carries the plan's content, not its identity: no rule ids.
        var template = new BackupPlan
        {
            BackupPlanName = document.BackupPlanName,
            AdvancedBackupSettings = document.AdvancedBackupSettings,
            Rules = document.Rules?.ConvertAll(static r => new BackupRule
            {
                RuleName = r.RuleName,
                TargetBackupVaultName = r.TargetBackupVaultName,
                TargetLogicallyAirGappedBackupVaultArn = r.TargetLogicallyAirGappedBackupVaultArn,
                ScheduleExpression = r.ScheduleExpression,
                ScheduleExpressionTimezone = r.ScheduleExpressionTimezone,
                StartWindowMinutes = r.StartWindowMinutes,
                CompletionWindowMinutes = r.CompletionWindowMinutes,
                Lifecycle = r.Lifecycle,
                RecoveryPointTags = r.RecoveryPointTags,
                CopyActions = r.CopyActions,
                EnableContinuousBackup = r.EnableContinuousBackup,
                IndexActions = r.IndexActions,
                ScanActions = r.ScanActions,
            }),
        };
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ServerOperations.GetBackupPlanFromJSON.WriteOutput(new GetBackupPlanFromJSONOutput { BackupPlan = template }, writer);
        }

        using var written = JsonDocument.Parse(buffer.WrittenMemory);
        return new ExportBackupPlanTemplateOutput { BackupPlanTemplateJson = written.RootElement.GetProperty("BackupPlan").GetRawText() };
    }

    private static BackupPlan ToPlan(BackupPlanInput input) => new()
    {
        BackupPlanName = input.BackupPlanName,
        AdvancedBackupSettings = input.AdvancedBackupSettings,
        ScanSettings = input.ScanSettings,
        Rules = input.Rules!.ConvertAll(static r => new BackupRule
        {
            RuleName = r.RuleName,
            TargetBackupVaultName = r.TargetBackupVaultName,
            TargetLogicallyAirGappedBackupVaultArn = r.TargetLogicallyAirGappedBackupVaultArn,
            ScheduleExpression = r.ScheduleExpression,
            ScheduleExpressionTimezone = r.ScheduleExpressionTimezone,
            StartWindowMinutes = r.StartWindowMinutes,
            CompletionWindowMinutes = r.CompletionWindowMinutes,
            Lifecycle = r.Lifecycle,
            RecoveryPointTags = r.RecoveryPointTags,
            CopyActions = r.CopyActions,
            EnableContinuousBackup = r.EnableContinuousBackup,
            IndexActions = r.IndexActions,
            ScanActions = r.ScanActions,
        }),
    };

    /// <summary>
    /// The console's four plan templates. AWS documents the id of Daily-35day-Retention
    /// (87c0c1ef-254d-4180-8fef-2e76a2c38aaa); it publishes no ids for the others, so the emulator gives them fixed ids of its own.
    /// </summary>
    private static IReadOnlyList<Template> BuildTemplates()
    {
        static BackupRule Daily() => new() { RuleName = "DailyBackups", ScheduleExpression = "cron(0 5 ? * * *)", StartWindowMinutes = 480, Lifecycle = new Lifecycle { DeleteAfterDays = 35 } };
        static BackupRule Weekly() => new() { RuleName = "WeeklyBackups", ScheduleExpression = "cron(0 5 ? * 7 *)", StartWindowMinutes = 480, Lifecycle = new Lifecycle { DeleteAfterDays = 90 } };
        static BackupRule Monthly(long deleteAfterDays) => new()
        {
            RuleName = "MonthlyBackups",
            ScheduleExpression = "cron(0 5 1 * ? *)",
            StartWindowMinutes = 480,
            Lifecycle = new Lifecycle { MoveToColdStorageAfterDays = 30, DeleteAfterDays = deleteAfterDays },
        };

        return
        [
            new(1, "87c0c1ef-254d-4180-8fef-2e76a2c38aaa", "Daily-35day-Retention", () => [Daily()]),
            new(2, "9f2b4d1a-6c3e-4b8f-a1d7-3e5c2b0a9d11", "Daily-Monthly-1yr-Retention", () => [Daily(), Monthly(365)]),
            new(3, "4a7e9c2d-1b5f-4e3a-9c8d-6f1b2a3c4d22", "Daily-Weekly-Monthly-5yr-Retention", () => [Daily(), Weekly(), Monthly(1825)]),
            new(4, "c3d5e7f9-2a4b-4c6d-8e0f-1a2b3c4d5e33", "Daily-Weekly-Monthly-7yr-Retention", () => [Daily(), Weekly(), Monthly(2555)]),
        ];
    }

    private sealed record Template(long Sequence, string Id, string Name, Func<List<BackupRule>> Rules)
    {
        // A fresh document per answer (shapes are mutable); like AWS, the template names no plan.
        public BackupPlan Document() => new() { Rules = Rules() };
    }
}
