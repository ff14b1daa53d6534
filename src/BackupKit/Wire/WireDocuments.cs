using System.Text.Json;

namespace BackupKit.Wire;

/// <summary>
/// Wire's seam for the engines: request shapes written as AWS's JSON, exactly as the client sends them. Export renders
/// the plan document with it and Reconcile hashes declared objects into idempotency tokens with it. Outside
/// <c>Wire/</c> nothing names the generated readers and writers (<c>WireJson</c>) directly, so a change of the generator
/// touches this file only.
/// </summary>
internal static class WireDocuments
{
    /// <summary>The <c>BackupPlan</c> document of CreateBackupPlan / UpdateBackupPlan.</summary>
    public static void WriteBackupPlan(Utf8JsonWriter writer, BackupPlanInput plan) => WireJson.WriteBackupPlanInput(writer, plan);

    /// <summary>A CreateBackupPlan request body (without idempotency token).</summary>
    public static void WriteCreateBackupPlan(Utf8JsonWriter writer, CreateBackupPlanInput input) => WireJson.WriteCreateBackupPlanInput(writer, input);

    /// <summary>The <c>BackupSelection</c> document of CreateBackupSelection.</summary>
    public static void WriteBackupSelection(Utf8JsonWriter writer, BackupSelection selection) => WireJson.WriteBackupSelection(writer, selection);

    /// <summary>The <c>RestoreTestingPlan</c> document of CreateRestoreTestingPlan.</summary>
    public static void WriteRestoreTestingPlan(Utf8JsonWriter writer, RestoreTestingPlanForCreate plan) => WireJson.WriteRestoreTestingPlanForCreate(writer, plan);

    /// <summary>The <c>RestoreTestingSelection</c> document of CreateRestoreTestingSelection.</summary>
    public static void WriteRestoreTestingSelection(Utf8JsonWriter writer, RestoreTestingSelectionForCreate selection) => WireJson.WriteRestoreTestingSelectionForCreate(writer, selection);

    /// <summary>A CreateFramework request body (without idempotency token).</summary>
    public static void WriteCreateFramework(Utf8JsonWriter writer, CreateFrameworkInput input) => WireJson.WriteCreateFrameworkInput(writer, input);

    /// <summary>A CreateReportPlan request body (without idempotency token).</summary>
    public static void WriteCreateReportPlan(Utf8JsonWriter writer, CreateReportPlanInput input) => WireJson.WriteCreateReportPlanInput(writer, input);
}
