using System.Text.Json;
using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

// The vault access policy: put (a JSON IAM policy with a Statement), get, delete.
internal static partial class BackupVaultOperations
{
    public static EmptyOutput PutAccessPolicy(CallContext call, PutBackupVaultAccessPolicyInput input)
    {
        var policy = input.Policy;
        if (string.IsNullOrWhiteSpace(policy))
        {
            throw BackupApiError.MissingParameter("Policy is required: give the vault access policy as a JSON IAM policy document.");
        }

        CheckPolicyDocument(policy);
        var state = call.State;
        lock (state.Gate)
        {
            Find(state, input.BackupVaultName!).AccessPolicy = policy;
            return EmptyOutput.Instance;
        }
    }

    public static GetBackupVaultAccessPolicyOutput GetAccessPolicy(CallContext call, GetBackupVaultAccessPolicyInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var vault = Find(state, input.BackupVaultName!);
            return vault.AccessPolicy is { } policy
                ? new GetBackupVaultAccessPolicyOutput { BackupVaultName = vault.Name, BackupVaultArn = vault.Arn, Policy = policy }
                : throw BackupApiError.NotFound($"Backup vault '{vault.Name}' has no access policy.");
        }
    }

    public static EmptyOutput DeleteAccessPolicy(CallContext call, DeleteBackupVaultAccessPolicyInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            Find(state, input.BackupVaultName!).AccessPolicy = null;
            return EmptyOutput.Instance;
        }
    }

    private static void CheckPolicyDocument(string policy)
    {
        try
        {
            using var document = JsonDocument.Parse(policy);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("Statement", out _))
            {
                throw BackupApiError.InvalidParameter("Policy is not a valid IAM policy document: it must be a JSON object with a Statement.");
            }
        }
        catch (JsonException ex)
        {
            throw BackupApiError.InvalidParameter($"Policy is not a valid IAM policy document: {ex.Message}");
        }
    }
}
