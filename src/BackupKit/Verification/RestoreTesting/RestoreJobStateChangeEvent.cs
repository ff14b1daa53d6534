using System.Text.Json;

namespace BackupKit.Verification.RestoreTesting;

/// <summary>
/// The parts BackupKit reads of an EventBridge <c>Restore Job State Change</c> event from <c>aws.backup</c> (the
/// event a Lambda or Step Functions validator is triggered by).
/// </summary>
/// <param name="RestoreJobId">The <c>detail.restoreJobId</c>.</param>
/// <param name="Status">The <c>detail.status</c>, for example <c>COMPLETED</c>.</param>
/// <param name="RestoreTestingPlanArn">The <c>detail.restoreTestingPlanArn</c>, when a restore testing plan started the job.</param>
public sealed record RestoreJobStateChangeEvent(string RestoreJobId, string? Status, string? RestoreTestingPlanArn)
{
    /// <summary>The EventBridge <c>detail-type</c> of these events.</summary>
    public const string DetailType = "Restore Job State Change";

    /// <summary>Reads an event from its JSON (the whole EventBridge envelope).</summary>
    /// <param name="json">The event.</param>
    /// <returns>The event.</returns>
    /// <exception cref="FormatException">The JSON is not a restore job state change event of <c>aws.backup</c>.</exception>
    public static RestoreJobStateChangeEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var source = root.TryGetProperty("source", out var s) ? s.GetString() : null;
            var detailType = root.TryGetProperty("detail-type", out var d) ? d.GetString() : null;
            if (source != "aws.backup" || detailType != DetailType)
            {
                throw new FormatException($"Expected an EventBridge event with source 'aws.backup' and detail-type '{DetailType}', got source '{source}' and detail-type '{detailType}'. Route only those events to this handler (an EventBridge rule on source and detail-type).");
            }

            var detail = root.GetProperty("detail");
            var id = detail.TryGetProperty("restoreJobId", out var j) ? j.GetString() : null;
            if (string.IsNullOrEmpty(id))
            {
                throw new FormatException("The event's detail has no restoreJobId.");
            }

            return new RestoreJobStateChangeEvent(
                id,
                detail.TryGetProperty("status", out var status) ? status.GetString() : null,
                detail.TryGetProperty("restoreTestingPlanArn", out var plan) ? plan.GetString() : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"The restore job state change event is not valid JSON of the expected shape: {e.Message}", e);
        }
    }
}
