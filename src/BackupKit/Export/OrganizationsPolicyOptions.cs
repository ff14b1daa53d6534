namespace BackupKit.Export;

/// <summary>How <see cref="PostureExport.ToOrganizationsBackupPolicy(Model.BackupPosture, OrganizationsPolicyOptions)"/> renders a posture for every account of an organisation.</summary>
public sealed record OrganizationsPolicyOptions
{
    /// <summary>The largest backup policy AWS Organizations accepts, in characters of the policy document.</summary>
    public const int MaxPolicyLength = 10_000;

    /// <summary>The Regions the plans apply to in every member account (at least one), for example <c>["us-east-1"]</c>.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>
    /// The account the posture was written for. ARNs in this account (copy destinations, logically air-gapped vaults,
    /// IAM roles) are written with the <c>$account</c> placeholder so that every member account copies into its own
    /// vaults. When <see langword="null"/>, a copy destination or air-gapped vault whose name is a vault the posture
    /// declares is taken as the member account's own (the vaults a StackSet creates from
    /// <see cref="PostureExport.ToMemberAccountTemplate"/>); any other account id stays literal (a central backup account).
    /// </summary>
    public string? PostureAccountId { get; init; }

    /// <summary>Whether to indent the JSON (default). Indentation counts toward <see cref="MaxPolicyLength"/>.</summary>
    public bool Indented { get; init; } = true;
}
