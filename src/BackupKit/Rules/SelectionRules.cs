// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace BackupKit.Rules;

/// <summary>Backup selection (resource assignment) rules (BK5xxx).</summary>
internal static class SelectionRules
{
    /// <summary>The most ARNs without wildcards in one Resources or NotResources list.</summary>
    public const int MaxPlainArns = AwsFacts.MaxPlainArns;

    /// <summary>The most ARNs with wildcards in one Resources or NotResources list.</summary>
    public const int MaxWildcardArns = AwsFacts.MaxWildcardArns;

    /// <summary>The most ListOfTags entries per selection.</summary>
    public const int MaxTags = AwsFacts.MaxSelectionTags;

    /// <summary>The most Conditions per selection.</summary>
    public const int MaxConditions = AwsFacts.MaxSelectionConditions;

    /// <summary>The most selections per plan.</summary>
    public const int MaxSelectionsPerPlan = AwsFacts.MaxSelectionsPerPlan;

    /// <summary>The most selections that use tags per plan.</summary>
    public const int MaxTagSelectionsPerPlan = AwsFacts.MaxTagSelectionsPerPlan;

    private const string ResourceTagPrefix = "aws:ResourceTag/";

    /// <summary>Checks an IAM role ARN (BK5001).</summary>
    /// <param name="roleArn">The role ARN.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckIamRoleArn(string? roleArn) =>
        roleArn is not null && Arns.IamRole.IsMatch(roleArn)
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.IamRoleArn, "iamRole", roleArn,
                "Use a role ARN such as 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole', or the default service role.",
                roleArn ?? "(null)"));

    /// <summary>Checks that a selection selects something (BK5002).</summary>
    /// <param name="resourceCount">The number of Resources entries.</param>
    /// <param name="listOfTagsCount">The number of ListOfTags entries.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckNotEmpty(int resourceCount, int listOfTagsCount) =>
        resourceCount > 0 || listOfTagsCount > 0
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.EmptySelection, string.Empty, null,
                "Add resources or a tag (WhereTag), or call AllResources() to select by conditions alone."));

    /// <summary>
    /// Checks one Resources or NotResources list (BK5003 per entry, BK5004 counts): entries are ARNs or <c>*</c>;
    /// wildcards are whole segments or a trailing <c>*</c>; at most 500 plain ARNs or 30 with wildcards.
    /// </summary>
    /// <param name="listName">The list, <c>resources</c> or <c>notResources</c>.</param>
    /// <param name="arns">The entries.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckResourceList(string listName, IReadOnlyList<string> arns)
    {
        var violations = new List<RuleViolation>();
        var wildcards = 0;
        for (var i = 0; i < arns.Count; i++)
        {
            var arn = arns[i];
            if (arn is not null && arn.IndexOf('*') >= 0)
            {
                wildcards++;
            }

            var problem = ResourcePatternProblem(arn);
            if (problem is not null)
            {
                violations.Add(new RuleViolation(RuleCatalog.ResourceArnPattern, listName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", arn,
                    "Use a full ARN ('arn:aws:dynamodb:us-east-1:123456789012:table/orders'), whole-segment wildcards ('arn:aws:ec2:*:*:volume/*') or a trailing prefix wildcard ('arn:aws:s3:::logs-*').",
                    arn ?? "(null)", problem));
            }
        }

        if (wildcards > MaxWildcardArns || arns.Count - wildcards > MaxPlainArns)
        {
            violations.Add(new RuleViolation(RuleCatalog.ResourceCount, listName, arns.Count.ToString(CultureInfo.InvariantCulture),
                "Split the ARNs across several selections, or select by tag instead.", listName, arns.Count, wildcards));
        }

        return violations;
    }

    /// <summary>Checks the ListOfTags count (BK5005) and keys (BK5009).</summary>
    /// <param name="tagKeys">The bare tag key of each entry.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckListOfTags(IReadOnlyList<string> tagKeys)
    {
        var violations = new List<RuleViolation>(CheckKeys("listOfTags", tagKeys));
        if (tagKeys.Count > MaxTags)
        {
            violations.Add(new RuleViolation(RuleCatalog.SelectionTagCount, "listOfTags", tagKeys.Count.ToString(CultureInfo.InvariantCulture),
                "Use at most 30 tags per selection; split into several selections or use a StringLike condition.", tagKeys.Count));
        }

        return violations;
    }

    /// <summary>Checks the Conditions count (BK5006) and keys (BK5009).</summary>
    /// <param name="conditionKeys">The bare tag key of every condition (all four operators together).</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckConditions(IReadOnlyList<string> conditionKeys)
    {
        var violations = new List<RuleViolation>(CheckKeys("conditions", conditionKeys));
        if (conditionKeys.Count > MaxConditions)
        {
            violations.Add(new RuleViolation(RuleCatalog.SelectionConditionCount, "conditions", conditionKeys.Count.ToString(CultureInfo.InvariantCulture),
                "Use at most 30 conditions per selection; a StringLike pattern can replace several StringEquals.", conditionKeys.Count));
        }

        return violations;
    }

    /// <summary>Checks the number of selections of a plan (BK5007) and of those using tags (BK5008).</summary>
    /// <param name="selectionCount">The number of selections.</param>
    /// <param name="tagSelectionCount">The number of selections with ListOfTags or Conditions.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckSelectionsPerPlan(int selectionCount, int tagSelectionCount)
    {
        var violations = new List<RuleViolation>();
        if (selectionCount > MaxSelectionsPerPlan)
        {
            violations.Add(new RuleViolation(RuleCatalog.SelectionsPerPlan, "selections", selectionCount.ToString(CultureInfo.InvariantCulture),
                "Merge selections (one selection can list 500 ARNs) or split the plan.", selectionCount));
        }

        if (tagSelectionCount > MaxTagSelectionsPerPlan)
        {
            violations.Add(new RuleViolation(RuleCatalog.TagSelectionsPerPlan, "selections", tagSelectionCount.ToString(CultureInfo.InvariantCulture),
                "Merge tag-based selections (one selection can hold 30 tags and 30 conditions) or split the plan.", tagSelectionCount));
        }

        return violations;
    }

    private static IEnumerable<RuleViolation> CheckKeys(string listName, IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var member = listName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (string.IsNullOrEmpty(key) || key.Length > 128)
            {
                yield return new RuleViolation(RuleCatalog.ConditionKey, member, key, "Use a tag key of 1 to 128 characters.",
                    key ?? "(null)", "a tag key is 1 to 128 characters");
            }
            else if (key.StartsWith(ResourceTagPrefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new RuleViolation(RuleCatalog.ConditionKey, member, key,
                    "Pass the bare tag key ('" + key.Substring(ResourceTagPrefix.Length) + "'); BackupKit writes 'aws:ResourceTag/' itself where AWS needs it.",
                    key, "it already starts with 'aws:ResourceTag/', which would be doubled");
            }
        }
    }

    private static string? ResourcePatternProblem(string? arn)
    {
        if (arn is null || arn.Length == 0)
        {
            return "it is empty";
        }

        if (arn == "*")
        {
            return null;
        }

        var parts = arn.Split(new[] { ':' }, 6);
        if (Arns.ServiceWide.IsMatch(arn))
        {
            // Service-wide pattern such as 'arn:aws:ec2:*' (the form that honours resource opt-in).
            return null;
        }

        if (parts.Length < 6 || !Arns.Any.IsMatch(arn))
        {
            return "it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>) or '*'";
        }

        if (parts[1].IndexOf('*') >= 0 || parts[2].IndexOf('*') >= 0)
        {
            return "the partition and service cannot contain wildcards";
        }

        for (var i = 3; i <= 4; i++)
        {
            if (parts[i].IndexOf('*') >= 0 && parts[i] != "*")
            {
                return "a wildcard in the " + (i == 3 ? "region" : "account") + " must be the whole segment ('*')";
            }
        }

        foreach (var token in parts[5].Split('/', ':'))
        {
            var star = token.IndexOf('*');
            if (star >= 0 && star != token.Length - 1)
            {
                return "'*' may only end a resource name (a prefix such as 'logs-*'), not start it or sit in the middle";
            }
        }

        return null;
    }
}
