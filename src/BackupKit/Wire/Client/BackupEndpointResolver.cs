using System.Text.RegularExpressions;

namespace BackupKit.Wire;

/// <summary>
/// AWS Backup's endpoint rules (model/backup-2018-11-15.endpoint-rule-set.json) with the AWS partition table: a custom
/// endpoint wins (and refuses FIPS and dual-stack), otherwise <c>https://backup[-fips].{region}.{dnsSuffix or dualStackDnsSuffix}</c>.
/// </summary>
internal static partial class BackupEndpointResolver
{
    // Partition data as published in the AWS SDKs' partitions.json: regions listed explicitly first, then the regex;
    // a region matching nothing belongs to the "aws" partition.
    private static readonly Partition[] Partitions =
    [
        new("aws", "amazonaws.com", "api.aws", AwsRegex(),
            ["af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
             "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
             "aws-global", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
             "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "me-west-1", "mx-central-1",
             "sa-east-1", "sa-west-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"]),
        new("aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", CnRegex(), ["aws-cn-global", "cn-north-1", "cn-northwest-1"]),
        new("aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu", EuscRegex(), ["eusc-de-east-1"]),
        new("aws-iso", "c2s.ic.gov", "api.aws.ic.gov", IsoRegex(), ["aws-iso-global", "us-iso-east-1", "us-iso-west-1"]),
        new("aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud", IsoBRegex(), ["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"]),
        new("aws-iso-e", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk", IsoERegex(), ["aws-iso-e-global", "eu-isoe-west-1"]),
        new("aws-iso-f", "csp.hci.ic.gov", "api.aws.hci.ic.gov", IsoFRegex(), ["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"]),
        new("aws-us-gov", "amazonaws.com", "api.aws", UsGovRegex(), ["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"]),
    ];

    /// <summary>Resolves the endpoint. Throws <see cref="ArgumentException"/> with the rule set's own error text on an invalid combination.</summary>
    public static Uri Resolve(string region, bool useFips, bool useDualStack, Uri? serviceUrl)
    {
        if (serviceUrl is not null)
        {
            if (useFips)
            {
                throw new ArgumentException("Invalid Configuration: FIPS and custom endpoint are not supported. Remove UseFips or ServiceUrl.", nameof(useFips));
            }

            if (useDualStack)
            {
                throw new ArgumentException("Invalid Configuration: Dualstack and custom endpoint are not supported. Remove UseDualStack or ServiceUrl.", nameof(useDualStack));
            }

            return serviceUrl;
        }

        if (!IsValidRegionName(region))
        {
            throw new ArgumentException($"'{region}' is not an AWS Region name such as 'us-east-1'.", nameof(region));
        }

        var partition = FindPartition(region);
        var host = useFips ? "backup-fips" : "backup";
        var suffix = useDualStack ? partition.DualStackDnsSuffix : partition.DnsSuffix;
        return new Uri($"https://{host}.{region}.{suffix}", UriKind.Absolute);
    }

    /// <summary>Whether the text can be a Region (a valid host label: letters, digits, hyphens).</summary>
    public static bool IsValidRegionName(string region) => RegionRegex().IsMatch(region);

    /// <summary>
    /// Whether the name is a Region AWS publishes, or follows a partition's Region pattern (a Region newer than this
    /// table). <c>us-east-l</c> is neither.
    /// </summary>
    public static bool IsKnownOrPatternedRegion(string region)
    {
        if (Partitions.Any(p => Array.IndexOf(p.Regions, region) >= 0))
        {
            return true;
        }

        // A new number in a known direction ("ap-south-9") is a Region newer than this table; a name a typo away from
        // a known Region ("eu-wset-1") is a typo even when the pattern would take it.
        var stem = region.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        var knownStem = stem.Length < region.Length && Partitions.Any(p => p.Regions.Any(r => r.StartsWith(stem, StringComparison.Ordinal) && r.Length > stem.Length && char.IsAsciiDigit(r[stem.Length])));
        return Partitions.Any(p => p.RegionRegex.IsMatch(region)) && (knownStem || SuggestRegions(region).Count == 0);
    }

    /// <summary>The published Region names nearest to <paramref name="region"/> (at most two edits away), nearest first.</summary>
    public static IReadOnlyList<string> SuggestRegions(string region) =>
        Partitions.SelectMany(p => p.Regions)
            .Where(r => !r.EndsWith("-global", StringComparison.Ordinal))
            .Select(r => (Name: r, Distance: EditDistance(region.ToLowerInvariant(), r)))
            .Where(r => r.Distance <= 2)
            .OrderBy(r => r.Distance).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => r.Name)
            .ToList();

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The partition name of a Region (for example <c>aws-cn</c>).</summary>
    public static string PartitionOf(string region) => FindPartition(region).Name;

    private static Partition FindPartition(string region)
    {
        foreach (var partition in Partitions)
        {
            if (Array.IndexOf(partition.Regions, region) >= 0)
            {
                return partition;
            }
        }

        foreach (var partition in Partitions)
        {
            if (partition.RegionRegex.IsMatch(region))
            {
                return partition;
            }
        }

        return Partitions[0];
    }

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionRegex();

    [GeneratedRegex(@"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsRegex();

    [GeneratedRegex(@"^cn\-\w+\-\d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex CnRegex();

    [GeneratedRegex(@"^eusc\-(de)\-\w+\-\d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EuscRegex();

    [GeneratedRegex(@"^us\-iso\-\w+\-\d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoRegex();

    [GeneratedRegex(@"^us\-isob\-\w+\-\d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoBRegex();

    [GeneratedRegex(@"^eu\-isoe\-\w+\-\d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoERegex();

    [GeneratedRegex(@"^us\-isof\-\w+\-\d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoFRegex();

    [GeneratedRegex(@"^us\-gov\-\w+\-\d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex UsGovRegex();

    private sealed record Partition(string Name, string DnsSuffix, string DualStackDnsSuffix, Regex RegionRegex, string[] Regions);
}
