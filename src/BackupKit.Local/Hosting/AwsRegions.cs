using System.Collections.Frozen;

namespace BackupKit.Local.Hosting;

/// <summary>
/// The Regions AWS Backup has endpoints in. A request scoped to any other Region is refused, as AWS refuses a credential
/// scoped to a Region that does not exist, so that callers cannot make the emulator keep state for invented Regions.
/// </summary>
internal static class AwsRegions
{
    private static readonly FrozenSet<string> Known = new[]
    {
        "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        "af-south-1",
        "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
        "ca-central-1", "ca-west-1",
        "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
        "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
        "us-gov-east-1", "us-gov-west-1",
        "cn-north-1", "cn-northwest-1",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether AWS Backup has an endpoint in the Region.</summary>
#if NET9_0_OR_GREATER
    public static bool IsKnown(ReadOnlySpan<char> region) => Known.GetAlternateLookup<ReadOnlySpan<char>>().Contains(region);
#else
    public static bool IsKnown(ReadOnlySpan<char> region) => region.Length <= 16 && Known.Contains(region.ToString());
#endif

    /// <summary>Whether AWS Backup has an endpoint in the Region.</summary>
    public static bool IsKnown(string region) => Known.Contains(region);
}
