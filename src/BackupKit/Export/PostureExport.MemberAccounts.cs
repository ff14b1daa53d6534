using System.Text.Json;
using BackupKit.Model;

namespace BackupKit.Export;

/// <summary>The CloudFormation StackSet template that prepares every member account for the Organizations backup policy.</summary>
public static partial class PostureExport
{
    private const string ServiceRoleLogicalId = "BackupServiceRole";
    private const string CreateRoleParameter = "CreateBackupServiceRole";

    /// <summary>
    /// Renders what an Organizations backup policy needs to exist in every member account and Region before its plans
    /// can run (the policy itself creates only plans and selections): the posture's vaults with their Vault Lock,
    /// access policy, notifications and tags (logically air-gapped vaults as
    /// <c>AWS::Backup::LogicallyAirGappedBackupVault</c>), and, when a selection uses the default service role, that
    /// role (<c>service-role/AWSBackupDefaultServiceRole</c> with the AWS managed backup and restore policies) behind the
    /// <c>CreateBackupServiceRole</c> parameter, since accounts that used the console already have it. Deploy it with
    /// a service-managed StackSet to the same organisational units and Regions as the policy.
    /// </summary>
    /// <param name="posture">The posture.</param>
    /// <param name="description">The template description, or <see langword="null"/> for a generated one.</param>
    /// <returns>The template JSON.</returns>
    /// <exception cref="NotSupportedException">A vault's access policy is not valid JSON.</exception>
    public static string ToMemberAccountTemplate(BackupPosture posture, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(posture);
        var ids = new LogicalIds();
        var needsRole = posture.Plans.SelectMany(p => p.Selections).Any(s => s.IamRole.IsDefaultServiceRole);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("AWSTemplateFormatVersion", "2010-09-09");
            w.WriteString("Description", description ?? "Vaults and service role every member account needs for the BackupKit posture's Organizations backup policy");
            if (needsRole)
            {
                w.WriteStartObject("Parameters");
                w.WriteStartObject(CreateRoleParameter);
                w.WriteString("Type", "String");
                w.WriteString("Default", "true");
                WriteStrings(w, "AllowedValues", ["true", "false"]);
                w.WriteString("Description", "false when the account already has service-role/AWSBackupDefaultServiceRole (created by the AWS Backup console).");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteStartObject("Conditions");
                w.WriteStartObject(CreateRoleParameter);
                w.WriteStartArray("Fn::Equals");
                w.WriteStartObject();
                w.WriteString("Ref", CreateRoleParameter);
                w.WriteEndObject();
                w.WriteStringValue("true");
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteStartObject("Resources");
            foreach (var vault in posture.Vaults)
            {
                WriteCloudFormationVault(w, ids.Next("Vault", vault.Name), vault);
            }

            if (needsRole)
            {
                WriteServiceRole(w);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void WriteServiceRole(Utf8JsonWriter w)
    {
        w.WriteStartObject(ServiceRoleLogicalId);
        w.WriteString("Type", "AWS::IAM::Role");
        w.WriteString("Condition", CreateRoleParameter);
        w.WriteString("DeletionPolicy", "Retain");
        w.WriteStartObject("Properties");
        w.WriteString("RoleName", IamRoleReference.DefaultServiceRoleName[(IamRoleReference.DefaultServiceRoleName.LastIndexOf('/') + 1)..]);
        w.WriteString("Path", "/" + IamRoleReference.DefaultServiceRoleName[..(IamRoleReference.DefaultServiceRoleName.LastIndexOf('/') + 1)]);
        w.WriteStartObject("AssumeRolePolicyDocument");
        w.WriteString("Version", "2012-10-17");
        w.WriteStartArray("Statement");
        w.WriteStartObject();
        w.WriteString("Effect", "Allow");
        w.WriteStartObject("Principal");
        w.WriteString("Service", "backup.amazonaws.com");
        w.WriteEndObject();
        w.WriteString("Action", "sts:AssumeRole");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("ManagedPolicyArns");
        foreach (var policy in new[] { "AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores" })
        {
            w.WriteStartObject();
            w.WriteString("Fn::Sub", "arn:${AWS::Partition}:iam::aws:policy/service-role/" + policy);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
