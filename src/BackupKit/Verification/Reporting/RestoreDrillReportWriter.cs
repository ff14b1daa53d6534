using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace BackupKit.Verification.Reporting;

/// <summary>
/// Renders a <see cref="RestoreDrillReport"/> as evidence: JSON for machines (schema version
/// <see cref="RestoreDrillReport.SchemaVersion"/>, documented in docs/restore-drill-report.md), Markdown for people, and
/// JUnit XML for CI (one test case per resource).
/// </summary>
public static class RestoreDrillReportWriter
{
    /// <summary>Renders the report as JSON.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Indented UTF-8 JSON text.</returns>
    public static string ToJson(RestoreDrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            WriteJson(writer, report);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Renders the report as Markdown: a verdict line, a table of resources, then the failures.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Markdown text.</returns>
    public static string ToMarkdown(RestoreDrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var icon = report.Outcome == DrillOutcome.Passed ? "PASSED" : report.Outcome == DrillOutcome.Cancelled ? "CANCELLED" : "FAILED";
        md.Append("# Restore drill ").Append(report.DrillName).Append(": ").AppendLine(icon).AppendLine();
        md.Append("Run `").Append(report.RunId).Append("` from ").Append(report.StartedAt.ToString("u", CultureInfo.InvariantCulture))
            .Append(" to ").Append(report.CompletedAt.ToString("u", CultureInfo.InvariantCulture)).Append(", source ").Append(report.Source)
            .Append(", recovery point ").Append(report.RecoveryPointChoice).AppendLine(".").AppendLine();
        md.Append("**").Append(report.PassedCount).Append(" of ").Append(report.Resources.Count).Append(" resources passed**");
        var left = report.LeftBehind.Count();
        md.AppendLine(left > 0 ? $", **{left} restored resource(s) left behind**." : ".").AppendLine();
        foreach (var note in report.Notes)
        {
            md.Append("> ").AppendLine(Cell(note));
        }

        if (report.Notes.Count > 0)
        {
            md.AppendLine();
        }

        md.AppendLine("| Resource | Type | Outcome | Recovery point age | Restore | Validation | Recovery time | Last verified before | Clean-up |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in report.Resources)
        {
            md.Append("| ").Append(Cell(r.ResourceArn))
                .Append(" | ").Append(r.ResourceType)
                .Append(" | ").Append(r.Outcome)
                .Append(" | ").Append(Duration(r.RecoveryPointAge))
                .Append(" | ").Append(Duration(r.RestoreDuration))
                .Append(" | ").Append(Duration(r.ValidationDuration))
                .Append(" | ").Append(Duration(r.RecoveryTime))
                .Append(" | ").Append(r.History?.LastVerifiedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-")
                .Append(" | ").Append(r.Cleanup.Outcome)
                .AppendLine(" |");
        }

        var failing = report.Resources.Where(r => r.Failures.Count > 0).ToList();
        if (failing.Count > 0)
        {
            md.AppendLine().AppendLine("## Failures").AppendLine();
            foreach (var r in failing)
            {
                md.Append("### ").AppendLine(Cell(r.ResourceArn)).AppendLine();
                if (r.RestoreJobId is not null)
                {
                    md.Append("Restore job `").Append(r.RestoreJobId).Append("` from `").Append(r.RecoveryPointArn).AppendLine("`.").AppendLine();
                }

                foreach (var failure in r.Failures)
                {
                    md.Append("- ").AppendLine(Cell(failure));
                }

                md.AppendLine();
            }
        }

        var trends = report.Resources.Where(r => r.History is { PreviousRestoreDurations.Count: > 0 } && r.RestoreDuration is not null).ToList();
        if (trends.Count > 0)
        {
            md.AppendLine("## Restore time trend").AppendLine();
            md.AppendLine("| Resource | Previous restores (oldest first) | This run |");
            md.AppendLine("|---|---|---|");
            foreach (var r in trends)
            {
                md.Append("| ").Append(Cell(r.ResourceArn)).Append(" | ")
                    .Append(string.Join(", ", r.History!.PreviousRestoreDurations.Select(d => Duration(d))))
                    .Append(" | ").Append(Duration(r.RestoreDuration)).AppendLine(" |");
            }
        }

        return md.ToString();
    }

    /// <summary>Renders the report as JUnit XML: one test suite for the drill, one test case per resource.</summary>
    /// <param name="report">The report.</param>
    /// <returns>JUnit XML text.</returns>
    public static string ToJUnitXml(RestoreDrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", "restore-drill." + report.DrillName);
            xml.WriteAttributeString("tests", Invariant(report.Resources.Count));
            xml.WriteAttributeString("failures", Invariant(report.Resources.Count(r => r.Outcome is ResourceOutcome.Failed or ResourceOutcome.PreflightFailed)));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", Invariant(report.Resources.Count(r => r.Outcome is ResourceOutcome.NotStarted or ResourceOutcome.Cancelled)));
            xml.WriteAttributeString("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("time", Seconds(report.CompletedAt - report.StartedAt));
            xml.WriteStartElement("properties");
            Property(xml, "runId", report.RunId);
            Property(xml, "source", report.Source);
            Property(xml, "recoveryPoint", report.RecoveryPointChoice);
            xml.WriteEndElement();
            foreach (var r in report.Resources)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", "restore-drill." + report.DrillName + "." + r.ResourceType);
                xml.WriteAttributeString("name", r.ResourceArn);
                xml.WriteAttributeString("time", Seconds(r.RecoveryTime ?? TimeSpan.Zero));
                switch (r.Outcome)
                {
                    case ResourceOutcome.Failed or ResourceOutcome.PreflightFailed:
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("type", r.Outcome.ToString());
                        xml.WriteAttributeString("message", r.Failures.FirstOrDefault() ?? r.Outcome.ToString());
                        xml.WriteString(string.Join("\n", r.Failures));
                        xml.WriteEndElement();
                        break;
                    case ResourceOutcome.NotStarted or ResourceOutcome.Cancelled:
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", r.Failures.FirstOrDefault() ?? r.Outcome.ToString());
                        xml.WriteEndElement();
                        break;
                }

                xml.WriteElementString("system-out", Evidence(r));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return text.ToString();
    }

    /// <summary>Writes <c>&lt;name&gt;.json</c>, <c>&lt;name&gt;.md</c> and <c>&lt;name&gt;.junit.xml</c> into a directory.</summary>
    /// <param name="report">The report.</param>
    /// <param name="directory">The directory, created when missing.</param>
    /// <param name="baseName">The file name without extension, or <see langword="null"/> for <c>restore-drill-&lt;run id&gt;</c>.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The three paths: JSON, Markdown, JUnit XML.</returns>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(RestoreDrillReport report, string directory, string? baseName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        baseName ??= "restore-drill-" + report.RunId;
        var paths = new[]
        {
            Path.Combine(directory, baseName + ".json"),
            Path.Combine(directory, baseName + ".md"),
            Path.Combine(directory, baseName + ".junit.xml"),
        };
        await File.WriteAllTextAsync(paths[0], ToJson(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(paths[1], ToMarkdown(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(paths[2], ToJUnitXml(report), cancellationToken).ConfigureAwait(false);
        return paths;
    }

    private static void WriteJson(Utf8JsonWriter w, RestoreDrillReport report)
    {
        w.WriteStartObject();
        w.WriteString("schemaVersion", RestoreDrillReport.SchemaVersion);
        w.WriteString("drill", report.DrillName);
        w.WriteString("runId", report.RunId);
        w.WriteString("source", report.Source);
        w.WriteString("recoveryPointChoice", report.RecoveryPointChoice);
        w.WriteString("startedAt", report.StartedAt);
        w.WriteString("completedAt", report.CompletedAt);
        w.WriteString("outcome", Lower(report.Outcome.ToString()));
        w.WriteBoolean("dryRun", report.DryRun);
        w.WriteBoolean("restoresStarted", report.RestoresStarted);
        w.WriteStartObject("summary");
        w.WriteNumber("resources", report.Resources.Count);
        w.WriteNumber("passed", report.PassedCount);
        w.WriteNumber("failed", report.FailedCount);
        w.WriteNumber("leftBehind", report.LeftBehind.Count());
        w.WriteEndObject();
        w.WriteStartArray("notes");
        foreach (var note in report.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();
        w.WriteStartArray("resources");
        foreach (var r in report.Resources)
        {
            WriteResource(w, r);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter w, ResourceVerification r)
    {
        w.WriteStartObject();
        w.WriteString("resourceArn", r.ResourceArn);
        w.WriteString("resourceType", r.ResourceType);
        w.WriteString("outcome", Lower(r.Outcome.ToString()));
        w.WriteStartObject("tags");
        foreach (var (key, value) in r.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteStartObject("recoveryPoint");
        NullableString(w, "arn", r.RecoveryPointArn);
        NullableString(w, "backupVaultArn", r.BackupVaultArn);
        NullableDate(w, "createdAt", r.RecoveryPointCreatedAt);
        NullableSeconds(w, "ageSeconds", r.RecoveryPointAge);
        w.WriteEndObject();
        w.WriteStartArray("preflight");
        foreach (var check in r.Preflight)
        {
            w.WriteStartObject();
            w.WriteString("check", check.Name);
            w.WriteBoolean("passed", check.Passed);
            w.WriteString("message", check.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("restore");
        NullableString(w, "restoreJobId", r.RestoreJobId);
        NullableString(w, "status", r.RestoreStatus);
        NullableString(w, "statusMessage", r.RestoreStatusMessage);
        NullableString(w, "restoredResourceArn", r.RestoredResourceArn);
        NullableDate(w, "createdAt", r.RestoreCreatedAt);
        NullableDate(w, "completedAt", r.RestoreCompletedAt);
        if (r.RestoreMetadata is { } metadata)
        {
            w.WriteStartObject("metadata");
            foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("metadata");
        }

        w.WriteEndObject();
        w.WriteStartObject("durations");
        NullableSeconds(w, "restoreSeconds", r.RestoreDuration);
        NullableSeconds(w, "validationSeconds", r.ValidationDuration);
        NullableSeconds(w, "recoverySeconds", r.RecoveryTime);
        w.WriteEndObject();
        w.WriteStartArray("validations");
        foreach (var v in r.Validations)
        {
            w.WriteStartObject();
            w.WriteString("validator", v.Name);
            w.WriteString("outcome", v.Outcome switch { ValidatorOutcome.TimedOut => "timedOut", _ => Lower(v.Outcome.ToString()) });
            w.WriteString("message", v.Message);
            w.WriteNumber("seconds", v.Duration.TotalSeconds);
            w.WriteStartObject("measurements");
            foreach (var (key, value) in v.Measurements.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("targets");
        foreach (var t in r.Targets)
        {
            w.WriteStartObject();
            w.WriteString("measure", Lower(t.Measure.ToString()));
            w.WriteString("scope", t.Scope);
            w.WriteNumber("limitSeconds", t.Limit.TotalSeconds);
            NullableSeconds(w, "actualSeconds", t.Actual);
            w.WriteBoolean("met", t.Met);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("cleanup");
        w.WriteString("outcome", r.Cleanup.Outcome switch { CleanupOutcome.NotNeeded => "notNeeded", CleanupOutcome.LeftBehind => "leftBehind", _ => Lower(r.Cleanup.Outcome.ToString()) });
        w.WriteString("message", r.Cleanup.Message);
        w.WriteEndObject();
        if (r.History is { } history)
        {
            w.WriteStartObject("history");
            NullableDate(w, "lastVerifiedAt", history.LastVerifiedAt);
            w.WriteNumber("previousRuns", history.PreviousRuns);
            w.WriteStartArray("previousRestoreSeconds");
            foreach (var d in history.PreviousRestoreDurations)
            {
                w.WriteNumberValue(d.TotalSeconds);
            }

            w.WriteEndArray();
            w.WriteBoolean("stale", history.Stale);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("history");
        }

        w.WriteStartArray("failures");
        foreach (var failure in r.Failures)
        {
            w.WriteStringValue(failure);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Evidence(ResourceVerification r)
    {
        var text = new StringBuilder();
        text.Append("recovery point: ").Append(r.RecoveryPointArn ?? "-").Append(" in ").AppendLine(r.BackupVaultArn ?? "-");
        text.Append("recovery point age: ").AppendLine(Duration(r.RecoveryPointAge));
        text.Append("restore job: ").Append(r.RestoreJobId ?? "-").Append(' ').AppendLine(r.RestoreStatus ?? string.Empty);
        text.Append("restore: ").Append(Duration(r.RestoreDuration)).Append(", validation: ").Append(Duration(r.ValidationDuration))
            .Append(", recovery time: ").AppendLine(Duration(r.RecoveryTime));
        foreach (var v in r.Validations)
        {
            text.Append("validator ").Append(v.Name).Append(": ").Append(v.Outcome).Append(": ").AppendLine(v.Message);
        }

        foreach (var t in r.Targets)
        {
            text.Append("target ").Append(t.Measure).Append(" <= ").Append(Duration(t.Limit)).Append(": ").Append(Duration(t.Actual)).AppendLine(t.Met ? " met" : " MISSED");
        }

        text.Append("clean-up: ").Append(r.Cleanup.Outcome).Append(": ").AppendLine(r.Cleanup.Message);
        return text.ToString();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static void NullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void NullableDate(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void NullableSeconds(Utf8JsonWriter w, string name, TimeSpan? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v.TotalSeconds);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Lower(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan? value) => value is null ? "-" : RestoreDrillRunner.Format(value);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
