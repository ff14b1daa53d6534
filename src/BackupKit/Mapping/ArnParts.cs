using System.Globalization;

namespace BackupKit.Mapping;

/// <summary>
/// The parts of an ARN: <c>arn:partition:service:region:account:resource</c>. Part of Mapping's seam: Reconcile learns
/// the caller's account and partition from the ARNs AWS returns with it.
/// </summary>
internal sealed record ArnParts(string Partition, string Service, string Region, string Account, string Resource)
{
    public static ArnParts? Parse(string? arn)
    {
        if (string.IsNullOrEmpty(arn))
        {
            return null;
        }

        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn"
            ? new ArnParts(parts[1], parts[2], parts[3], parts[4], parts[5])
            : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}");
}
