using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace BackupKit.Audit;

/// <summary>
/// Renders an <see cref="AuditReport"/>: JSON (schema in <c>docs/audit-report.md</c>), Markdown for a pull request or a
/// job summary, and JUnit XML (one test case per control and framework) for CI test dashboards.
/// </summary>
public static class AuditReportFormats
{
    /// <summary>The version of the JSON schema, written as <c>schemaVersion</c>.</summary>
    public const string JsonSchemaVersion = "backupkit.audit/1";

    /// <summary>Renders the report as JSON.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON document.</returns>
    public static string ToJson(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schemaVersion", JsonSchemaVersion);
            w.WriteString("source", report.Source);
            w.WriteString("evaluatedAt", report.EvaluatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteBoolean("compliant", report.IsCompliant);
            w.WriteNumber("exitCode", report.ExitCode);
            w.WriteNumber("apiCalls", report.ApiCalls);
            w.WriteStartObject("apiCallsByOperation");
            foreach (var (operation, count) in report.ApiCallsByOperation.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(operation, count);
            }

            w.WriteEndObject();
            w.WriteStartArray("controls");
            foreach (var control in report.Controls)
            {
                w.WriteStartObject();
                w.WriteString("framework", control.Framework);
                w.WriteString("control", control.Control.Name);
                w.WriteStartObject("parameters");
                foreach (var (name, value) in control.Control.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
                w.WriteString("scope", control.Control.Scope.ToString());
                w.WriteString("status", Status(control.Status));
                w.WriteNumber("evaluated", control.Evaluated);
                WriteFindings(w, "findings", control.Findings);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("resources");
            foreach (var resource in report.Resources)
            {
                w.WriteStartObject();
                w.WriteString("arn", resource.Arn);
                w.WriteString("resourceType", resource.ResourceType);
                w.WriteString("status", Status(resource.Status));
                w.WriteStartArray("protectedBy");
                foreach (var plan in resource.ProtectedBy)
                {
                    w.WriteStringValue(plan);
                }

                w.WriteEndArray();
                w.WriteStartArray("failedControls");
                foreach (var control in resource.FailedControls)
                {
                    w.WriteStringValue(control);
                }

                w.WriteEndArray();
                if (resource.LastRecoveryPointAt is { } last)
                {
                    w.WriteString("lastRecoveryPointAt", last.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteFindings(w, "observations", report.Observations);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Renders the report as Markdown: a table of controls, then the failing findings and unprotected resources.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The Markdown text.</returns>
    public static string ToMarkdown(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"## Backup audit ({report.Source}): {(report.IsCompliant ? "compliant" : "NOT compliant")}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Evaluated {report.EvaluatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; {report.Controls.Count} controls, {report.Resources.Count} resources, {report.ApiCalls} API calls.\n\n");
        md.Append("| Framework | Control | Status | Evaluated | Findings |\n|---|---|---|---|---|\n");
        foreach (var c in report.Controls)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {c.Framework} | `{c.Control.Name}` | {Status(c.Status)} | {c.Evaluated} | {c.Findings.Count} |\n");
        }

        var findings = report.Controls.SelectMany(c => c.Findings).Concat(report.Observations).ToList();
        if (findings.Count > 0)
        {
            md.Append("\n### Findings\n\n");
            foreach (var f in findings)
            {
                md.Append(CultureInfo.InvariantCulture, $"- **{Status(f.Status)}** `{f.Control}` ({f.Framework}) {f.ObjectKind} `{f.ObjectId}`: {f.Reason}\n");
            }
        }

        var failing = report.Resources.Where(r => r.Status == ComplianceStatus.NonCompliant).ToList();
        if (failing.Count > 0)
        {
            md.Append("\n### Resources\n\n| Resource | Protected by | Failed controls |\n|---|---|---|\n");
            foreach (var r in failing)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{r.Arn}` | {(r.ProtectedBy.Count == 0 ? "**nothing**" : string.Join(", ", r.ProtectedBy))} | {string.Join(", ", r.FailedControls)} |\n");
            }
        }

        return md.ToString();
    }

    /// <summary>Renders the report as JUnit XML: a test suite per framework, a test case per control, a failure per failing control.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The XML document.</returns>
    public static string ToJUnitXml(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "backupkit-audit-" + report.Source);
            xml.WriteAttributeString("tests", report.Controls.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", report.Controls.Count(c => c.Status == ComplianceStatus.NonCompliant).ToString(CultureInfo.InvariantCulture));
            foreach (var framework in report.Controls.GroupBy(c => c.Framework))
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", framework.Key);
                xml.WriteAttributeString("tests", framework.Count().ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("failures", framework.Count(c => c.Status == ComplianceStatus.NonCompliant).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("skipped", framework.Count(c => c.Status == ComplianceStatus.NotEvaluated).ToString(CultureInfo.InvariantCulture));
                foreach (var control in framework)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("classname", framework.Key);
                    xml.WriteAttributeString("name", control.Control.ToString());
                    if (control.Status == ComplianceStatus.NonCompliant)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", $"{control.Findings.Count} object(s) fail {control.Control.Name}");
                        xml.WriteString(string.Join("\n", control.Findings.Select(f => $"{f.ObjectKind} {f.ObjectId}: {f.Reason}")));
                        xml.WriteEndElement();
                    }
                    else if (control.Status == ComplianceStatus.NotEvaluated)
                    {
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", control.Findings.FirstOrDefault()?.Reason ?? "not evaluated");
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return text.ToString();
    }

    /// <summary>Renders a short text summary.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    public static string ToText(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failing = report.Controls.Count(c => c.Status == ComplianceStatus.NonCompliant);
        var lines = new List<string>
        {
            $"Audit ({report.Source}): {report.Controls.Count - failing - report.Controls.Count(c => c.Status == ComplianceStatus.NotEvaluated)} compliant, {failing} failing, " +
            $"{report.Controls.Count(c => c.Status == ComplianceStatus.NotEvaluated)} not evaluated controls; {report.Resources.Count(r => r.Status == ComplianceStatus.NonCompliant)} of {report.Resources.Count} resources failing" +
            (report.Source == "live" ? $"; {report.ApiCalls} API calls" : string.Empty),
        };
        lines.AddRange(report.Findings.Select(f => "  FAIL " + f));
        lines.AddRange(report.Observations.Select(o => "  NOTE " + o));
        return string.Join(Environment.NewLine, lines);
    }

    private static void WriteFindings(Utf8JsonWriter w, string name, IReadOnlyList<AuditFinding> findings)
    {
        w.WriteStartArray(name);
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("framework", f.Framework);
            w.WriteString("control", f.Control);
            w.WriteString("objectKind", f.ObjectKind);
            w.WriteString("objectId", f.ObjectId);
            w.WriteString("status", Status(f.Status));
            w.WriteString("reason", f.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Status(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Compliant => "COMPLIANT",
        ComplianceStatus.NonCompliant => "NON_COMPLIANT",
        _ => "NOT_EVALUATED",
    };
}
