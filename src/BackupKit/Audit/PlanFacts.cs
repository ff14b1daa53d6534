using System.Text.Json;
using BackupKit.Model;
using BackupKit.Rules;

namespace BackupKit.Audit;

/// <summary>
/// What a backup plan guarantees, read from the model: interval between backups, retention, copy destinations,
/// target vaults. The same functions judge a declared posture (offline) and a posture read from an account (live),
/// so both verdicts come from one code.
/// </summary>
internal static class PlanFacts
{
    /// <summary>The longest interval between two backups of a rule: one hour for continuous backup.</summary>
    public static TimeSpan? IntervalOf(BackupRule rule) =>
        rule.ContinuousBackup ? TimeSpan.FromHours(1) : CronIntervals.LongestInterval(rule.Schedule?.CronExpression ?? AwsDefaults.ScheduleExpression);

    /// <summary>The shortest interval over the plan's rules.</summary>
    public static TimeSpan? ShortestInterval(BackupPlan plan) => plan.Rules.Select(IntervalOf).Where(i => i is not null).Min();

    /// <summary>The retention of a rule's recovery points in days, or <see langword="null"/> when kept forever.</summary>
    public static long? RetentionDays(BackupRule rule) => rule.Lifecycle?.DeleteAfter?.TotalDays;

    /// <summary>The vaults a rule writes recovery points into: its target and, when declared, its air-gapped target.</summary>
    public static IEnumerable<BackupVault?> TargetVaults(BackupPosture posture, BackupRule rule)
    {
        yield return posture.FindVault(rule.TargetVaultName);
        if (rule.TargetLogicallyAirGappedVaultArn is { } arn)
        {
            yield return VaultOfArn(posture, arn);
        }
    }

    /// <summary>The posture vault a vault ARN names (by name: a posture is applied per account and Region).</summary>
    public static BackupVault? VaultOfArn(BackupPosture posture, string vaultArn)
    {
        const string Marker = ":backup-vault:";
        var index = vaultArn.LastIndexOf(Marker, StringComparison.Ordinal);
        return index < 0 ? null : posture.FindVault(vaultArn[(index + Marker.Length)..]);
    }

    /// <summary>Whether a vault access policy denies deleting recovery points to every principal but <paramref name="allowed"/>.</summary>
    public static bool DeniesManualDeletion(string? policy, IReadOnlyCollection<string> allowed, out string reason)
    {
        if (string.IsNullOrWhiteSpace(policy))
        {
            reason = "it has no access policy, so any principal with backup:DeleteRecoveryPoint can delete recovery points";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(policy);
            if (!document.RootElement.TryGetProperty("Statement", out var statements))
            {
                reason = "its access policy has no statement";
                return false;
            }

            foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToArray() : [statements])
            {
                if (!statement.TryGetProperty("Effect", out var effect) || effect.GetString() != "Deny" || !Actions(statement).Any(DeletesRecoveryPoints))
                {
                    continue;
                }

                var exempt = ExemptPrincipals(statement);
                var extra = exempt.Where(p => !allowed.Contains(p, StringComparer.Ordinal)).ToList();
                if (extra.Count == 0)
                {
                    reason = string.Empty;
                    return true;
                }

                reason = $"its access policy also lets {string.Join(", ", extra)} delete recovery points";
                return false;
            }
        }
        catch (JsonException)
        {
            reason = "its access policy is not valid JSON";
            return false;
        }

        reason = "its access policy does not deny backup:DeleteRecoveryPoint";
        return false;

        static bool DeletesRecoveryPoints(string action) =>
            action is "backup:DeleteRecoveryPoint" or "backup:*" or "*" || (action.EndsWith('*') && "backup:DeleteRecoveryPoint".StartsWith(action[..^1], StringComparison.Ordinal));
    }

    /// <summary>The account of each copy destination.</summary>
    public static IEnumerable<string?> CopyAccounts(BackupPlan plan) =>
        plan.Rules.SelectMany(r => r.CopyActions).Select(c => ResourceArns.AccountOf(c.DestinationVaultArn));

    /// <summary>The account of the resources a plan names by ARN, when they all name one account.</summary>
    public static string? SourceAccount(BackupPlan plan)
    {
        var accounts = plan.Selections.SelectMany(s => s.Resources).Select(ResourceArns.AccountOf).Where(a => a is not null).Distinct(StringComparer.Ordinal).ToList();
        return accounts.Count == 1 ? accounts[0] : null;
    }

    /// <summary>The resource types a plan's selections name by ARN.</summary>
    public static IEnumerable<string> ResourceTypesNamed(BackupPlan plan) =>
        plan.Selections.SelectMany(s => s.Resources).Select(ResourceArns.ResourceTypeOf).OfType<string>().Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> Actions(JsonElement statement) =>
        statement.TryGetProperty("Action", out var action)
            ? action.ValueKind == JsonValueKind.Array ? action.EnumerateArray().Select(a => a.GetString() ?? string.Empty) : [action.GetString() ?? string.Empty]
            : [];

    private static List<string> ExemptPrincipals(JsonElement statement)
    {
        var exempt = new List<string>();
        if (!statement.TryGetProperty("Condition", out var condition))
        {
            return exempt;
        }

        foreach (var op in condition.EnumerateObject())
        {
            foreach (var key in op.Value.EnumerateObject())
            {
                if (key.Value.ValueKind == JsonValueKind.Array)
                {
                    exempt.AddRange(key.Value.EnumerateArray().Select(v => v.GetString() ?? string.Empty));
                }
                else
                {
                    exempt.Add(key.Value.GetString() ?? string.Empty);
                }
            }
        }

        return exempt;
    }
}
