using System.Globalization;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;
using W = BackupKit.Wire;

namespace BackupKit.Mapping;

/// <summary>
/// Converts between the posture model (<see cref="BackupKit.Model"/>) and the AWS Backup wire shapes
/// (<see cref="BackupKit.Wire"/>), in both directions.
/// </summary>
/// <remarks>
/// Model to wire: unset model members are left unset on the wire (AWS then applies its own defaults), a zero is never
/// sent for "unset". Wire to model: the shapes are read as they are; AWS defaults are not stripped here, so a plan
/// read from AWS carries <c>StartWindowMinutes = 480</c> where the declaration had none. The reconcile engine
/// (<see cref="Reconcile.PostureApplier"/>) compares declared and live state with those defaults normalised.
/// </remarks>
public static partial class PostureMapping
{
    /// <summary>The prefix AWS requires on tag keys in selection <c>Conditions</c>.</summary>
    public const string ResourceTagPrefix = "aws:ResourceTag/";

    // ---------------------------------------------------------------- helpers shared by every part

    internal static Dictionary<string, string>? ToDictionary(ValueMap<string> map)
    {
        if (map.IsEmpty)
        {
            return null;
        }

        var dictionary = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }

    internal static ValueMap<string> ToValueMap(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? ValueMap<string>.Empty : new ValueMap<string>(map);

    private static long? ToMinutes(TimeSpan? window) => window is { } w ? (long)Math.Round(w.TotalMinutes) : null;

    private static TimeSpan? FromMinutes(long? minutes) => minutes is { } m ? TimeSpan.FromMinutes(m) : null;

    private static Retention? ToRetention(long? days) => days is { } d and >= 0 ? Retention.Days(d) : null;
}
