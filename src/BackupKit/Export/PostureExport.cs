using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;

namespace BackupKit.Export;

/// <summary>
/// Renders a posture in the forms AWS tooling reads: the AWS Backup plan JSON document, a CloudFormation template,
/// an AWS Organizations backup policy and the StackSet template every member account needs for that policy. Output is indented JSON with a fixed key order, so that exporting the same
/// posture twice gives the same bytes (diff-friendly in source control).
/// </summary>
public static partial class PostureExport
{
    private static readonly JsonWriterOptions s_indented = new() { Indented = true };

    /// <summary>
    /// Renders a plan as the <c>BackupPlan</c> document of <c>CreateBackupPlan</c> / <c>UpdateBackupPlan</c>, also
    /// accepted by <c>GetBackupPlanFromJSON</c> and the AWS CLI's <c>--backup-plan file://plan.json</c>.
    /// </summary>
    /// <param name="plan">The plan; its selections and tags are not part of the document.</param>
    /// <returns>The JSON document.</returns>
    public static string ToBackupPlanJson(M.BackupPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Write(w => WireDocuments.WriteBackupPlan(w, PostureMapping.ToBackupPlanInput(plan)));
    }

    // Shared by every format.

    private static string Minutes(TimeSpan window) => ((long)Math.Round(window.TotalMinutes)).ToString(CultureInfo.InvariantCulture);

    private static void WriteMinutes(Utf8JsonWriter w, string name, TimeSpan? window)
    {
        if (window is { } value)
        {
            w.WriteNumber(name, (long)Math.Round(value.TotalMinutes));
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteStringMap(Utf8JsonWriter w, string name, ValueMap<string> map)
    {
        if (map.IsEmpty)
        {
            return;
        }

        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> write, bool indented = true)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, indented ? s_indented : default))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>CloudFormation logical ids: alphanumeric, unique within the template.</summary>
    private sealed class LogicalIds
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public string Next(string prefix, string name)
        {
            var builder = new StringBuilder(prefix);
            var upper = true;
            foreach (var c in name)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    builder.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                }
                else
                {
                    upper = true;
                }
            }

            var id = builder.ToString();
            var candidate = id;
            for (var n = 2; !_used.Add(candidate); n++)
            {
                candidate = id + n.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }
}
