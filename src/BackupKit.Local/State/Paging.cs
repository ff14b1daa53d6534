using System.Globalization;
using System.Text;
using BackupKit.Local.Protocol;

namespace BackupKit.Local.State;

/// <summary>
/// NextToken/MaxResults paging over records ordered by their creation sequence. A token names the last record of the
/// previous page, so records created or deleted between calls neither repeat nor shift the pages.
/// </summary>
internal static class Paging
{
    /// <summary>The page size when the caller gives no MaxResults (the model's maximum).</summary>
    public const int DefaultPageSize = 1000;

    private const string Prefix = "bk1:";

    /// <summary>
    /// The shape of a list operation: order <paramref name="records"/> by creation sequence (in place), take the page
    /// that NextToken and MaxResults ask for (<see cref="Page"/>), and project each record to its response member.
    /// </summary>
    public static List<TMember> List<T, TMember>(
        List<T> records, Func<T, long> sequenceOf, string? nextToken, int? maxResults, out string? next, Func<T, TMember> project)
    {
        records.Sort((a, b) => sequenceOf(a).CompareTo(sequenceOf(b)));
        var page = Page(records, sequenceOf, nextToken, maxResults, out next);
        var members = new List<TMember>(page.Count);
        foreach (var record in page)
        {
            members.Add(project(record));
        }

        return members;
    }

    public static List<T> Page<T>(List<T> ordered, Func<T, long> sequenceOf, string? nextToken, int? maxResults, out string? next)
    {
        var after = Decode(nextToken);
        var size = maxResults ?? DefaultPageSize;
        if (size < 1)
        {
            throw BackupApiError.InvalidParameter($"MaxResults {size} is out of range; use 1 to 1000.");
        }

        var page = new List<T>(Math.Min(size, ordered.Count));
        next = null;
        foreach (var item in ordered)
        {
            if (sequenceOf(item) <= after)
            {
                continue;
            }

            if (page.Count == size)
            {
                next = Encode(sequenceOf(page[^1]));
                break;
            }

            page.Add(item);
        }

        return page;
    }

    public static string Encode(long sequence) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Prefix + sequence.ToString(CultureInfo.InvariantCulture)));

    public static long Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return sequence;
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        throw BackupApiError.InvalidParameter($"The NextToken '{token}' is not valid. Pass the NextToken of the previous answer unchanged.");
    }
}
