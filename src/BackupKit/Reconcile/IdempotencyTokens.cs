using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using BackupKit.Wire;

namespace BackupKit.Reconcile;

/// <summary>
/// Derives <c>CreatorRequestId</c> values from the declared object, so that an apply retried after a lost answer
/// (or run twice at once) sends the same token and AWS returns the object it already created instead of a second one.
/// </summary>
internal static class IdempotencyTokens
{
    // AWS accepts 1 to 50 characters of letters, digits, '-', '_' and '.'; 'bk-' + 40 hex digits (160 bits) fits.
    private const int HexDigits = 40;

    public static string ForVault(Model.BackupVault vault) => Hash("vault", vault.Name, w =>
    {
        w.WriteStringValue(vault.EncryptionKeyArn);
        if (vault.LogicallyAirGapped is { } airGapped)
        {
            w.WriteNumberValue(airGapped.MinRetention.TotalDays);
            w.WriteNumberValue(airGapped.MaxRetention.TotalDays);
        }
    });

    public static string ForPlan(CreateBackupPlanInput input) =>
        Hash("plan", input.BackupPlan?.BackupPlanName ?? string.Empty, w => WireDocuments.WriteCreateBackupPlan(w, new CreateBackupPlanInput
        {
            BackupPlan = input.BackupPlan,
            BackupPlanTags = input.BackupPlanTags,
        }));

    public static string ForSelection(string planName, BackupSelection selection) =>
        Hash("selection", planName, w => WireDocuments.WriteBackupSelection(w, selection));

    public static string ForRestoreTestingPlan(CreateRestoreTestingPlanInput input) =>
        Hash("restore-testing-plan", input.RestoreTestingPlan?.RestoreTestingPlanName ?? string.Empty, w => WireDocuments.WriteRestoreTestingPlan(w, input.RestoreTestingPlan ?? new RestoreTestingPlanForCreate()));

    public static string ForRestoreTestingSelection(string planName, RestoreTestingSelectionForCreate selection) =>
        Hash("restore-testing-selection", planName, w => WireDocuments.WriteRestoreTestingSelection(w, selection));

    /// <summary>The token of a CreateFramework (the declared framework) or UpdateFramework (also the live state it replaces, so that each distinct update has its own token).</summary>
    public static string ForFramework(CreateFrameworkInput input, string? replacing = null) =>
        Hash(replacing is null ? "framework" : "framework-update", input.FrameworkName ?? string.Empty, w =>
        {
            WireDocuments.WriteCreateFramework(w, new CreateFrameworkInput
            {
                FrameworkName = input.FrameworkName,
                FrameworkDescription = input.FrameworkDescription,
                FrameworkControls = input.FrameworkControls,
                FrameworkTags = input.FrameworkTags,
            });
            w.WriteStringValue(replacing);
        });

    /// <summary>The token of a CreateReportPlan or UpdateReportPlan (with the live state it replaces).</summary>
    public static string ForReportPlan(CreateReportPlanInput input, string? replacing = null) =>
        Hash(replacing is null ? "report-plan" : "report-plan-update", input.ReportPlanName ?? string.Empty, w =>
        {
            WireDocuments.WriteCreateReportPlan(w, new CreateReportPlanInput
            {
                ReportPlanName = input.ReportPlanName,
                ReportPlanDescription = input.ReportPlanDescription,
                ReportDeliveryChannel = input.ReportDeliveryChannel,
                ReportSetting = input.ReportSetting,
                ReportPlanTags = input.ReportPlanTags,
            });
            w.WriteStringValue(replacing);
        });

    private static string Hash(string kind, string name, Action<Utf8JsonWriter> writeContent)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(kind);
            writer.WriteStringValue(name);
            writeContent(writer);
            writer.WriteEndArray();
        }

        var hash = SHA256.HashData(buffer.WrittenSpan);
        return "bk-" + Convert.ToHexString(hash).ToLowerInvariant()[..HexDigits];
    }
}
