using System.Text;
using System.Text.Json;

namespace BackupKit.Building;

/// <summary>Ready-made vault access policies.</summary>
public static class VaultAccessPolicies
{
    /// <summary>The actions the deletion-protection policy denies.</summary>
    public static IReadOnlyList<string> DeletionActions { get; } = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"];

    /// <summary>
    /// Returns a vault access policy that denies deleting recovery points and shortening their lifecycle
    /// (<c>backup:DeleteRecoveryPoint</c>, <c>backup:UpdateRecoveryPointLifecycle</c>) to every principal except
    /// <paramref name="exceptPrincipalArns"/>. This is what the AWS Backup Audit Manager control
    /// <c>BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED</c> checks (it accepts up to 5 allowed principals).
    /// </summary>
    /// <param name="exceptPrincipalArns">IAM role or user ARNs still allowed to delete; none to deny everyone.</param>
    /// <returns>The policy JSON document.</returns>
    /// <remarks>
    /// The principals are written as given: a value that is not an IAM ARN is reported as BK6011 when the vault that
    /// carries the policy is built (with every other finding in one exception) and, for constants, at compile time.
    /// </remarks>
    public static string DenyRecoveryPointDeletion(params string[] exceptPrincipalArns)
    {
        ArgumentNullException.ThrowIfNull(exceptPrincipalArns);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            json.WriteStartObject();
            json.WriteString("Sid", "DenyRecoveryPointDeletion");
            json.WriteString("Effect", "Deny");
            json.WriteStartObject("Principal");
            json.WriteString("AWS", "*");
            json.WriteEndObject();
            json.WriteStartArray("Action");
            foreach (var action in DeletionActions)
            {
                json.WriteStringValue(action);
            }

            json.WriteEndArray();
            json.WriteString("Resource", "*");
            if (exceptPrincipalArns.Length > 0)
            {
                json.WriteStartObject("Condition");
                json.WriteStartObject("ArnNotLike");
                json.WriteStartArray("aws:PrincipalArn");
                foreach (var principal in exceptPrincipalArns.Distinct(StringComparer.Ordinal))
                {
                    json.WriteStringValue(principal);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
