using System.Globalization;
using System.Text;

namespace BackupKit.Reconcile;

/// <summary>Renders plans, results and drift reports as short text a person reads at a glance.</summary>
internal static class ChangeFormatter
{
    public static string FormatPlan(PosturePlan plan)
    {
        var builder = new StringBuilder();
        var changes = plan.Changes;
        builder.Append("Plan: ").Append(plan.HasChanges ? Counts(changes, past: false) : "no changes; AWS already matches the posture").Append(CountUnchanged(changes)).Append('\n');
        foreach (var change in changes)
        {
            builder.Append(FormatChange(change, past: false)).Append('\n');
        }

        var consent = plan.ConsentRequired;
        if (consent.Count > 0)
        {
            builder.Append("Needs consent (add the exact text to PostureApplyOptions.AcknowledgedChanges):\n");
            foreach (var requirement in consent)
            {
                builder.Append("  !! ").Append(requirement.Key).Append("\n       ").Append(requirement.Reason).Append('\n');
            }
        }

        AppendWarnings(builder, changes);
        return builder.ToString().TrimEnd('\n');
    }

    public static string FormatResult(PostureApplyResult result)
    {
        var builder = new StringBuilder();
        var changes = result.Changes;
        builder.Append("Applied: ").Append(result.HasChanges ? Counts(changes, past: true) : "no changes; nothing was written to AWS").Append(CountUnchanged(changes)).Append('\n');
        foreach (var change in changes.Where(c => c.Action != ChangeAction.Unchanged || !result.HasChanges))
        {
            builder.Append(FormatChange(change, past: true)).Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }

    public static string FormatDrift(PostureDriftReport report)
    {
        if (!report.HasDrift)
        {
            return "No drift: AWS matches the posture.";
        }

        var builder = new StringBuilder();
        builder.Append(string.Create(CultureInfo.InvariantCulture, $"Drift: {report.Drift.Count} object(s) differ from the posture\n"));
        foreach (var change in report.Drift)
        {
            var state = change.Action switch
            {
                ChangeAction.Create => "missing in AWS",
                ChangeAction.Undeclared or ChangeAction.Delete => "in AWS but not declared",
                ChangeAction.Blocked => "differs and cannot be changed in place",
                _ => "differs",
            };
            builder.Append("  ").Append(Describe(change)).Append(": ").Append(state).Append('\n');
            foreach (var difference in change.Differences)
            {
                builder.Append("      ").Append(difference.Property).Append(": declared ").Append(difference.Declared ?? "(none)")
                    .Append(", live ").Append(difference.Live ?? "(none)").Append('\n');
            }
        }

        return builder.ToString().TrimEnd('\n');
    }

    public static string FormatChange(PostureChange change, bool past)
    {
        var builder = new StringBuilder();
        builder.Append("  ").Append(Symbol(change.Action).PadRight(3)).Append(' ').Append(Describe(change));
        if (change.Consent is not null && change.IsWrite && !past)
        {
            builder.Append(" [consent]");
        }

        if (change.Summary is not null)
        {
            builder.Append(" (").Append(change.Summary).Append(')');
        }

        var note = change.Action switch
        {
            ChangeAction.Unchanged => "unchanged",
            ChangeAction.Undeclared => "not declared; left alone",
            ChangeAction.Blocked => "cannot be applied",
            _ => past ? Past(change.Action) : null,
        };
        if (note is not null)
        {
            builder.Append(": ").Append(note);
        }

        foreach (var difference in change.Differences)
        {
            builder.Append("\n        ").Append(difference);
        }

        return builder.ToString();
    }

    public static string Describe(PostureChange change) => change.Kind switch
    {
        PostureObjectKind.Vault => "vault " + change.Name,
        PostureObjectKind.VaultLock => "vault " + change.Name + " lock",
        PostureObjectKind.VaultAccessPolicy => "vault " + change.Name + " access policy",
        PostureObjectKind.VaultNotifications => "vault " + change.Name + " notifications",
        PostureObjectKind.Plan => "plan " + change.Name,
        PostureObjectKind.RestoreTestingPlan => "restore testing plan " + change.Name,
        PostureObjectKind.RestoreTestingSelection => "restore testing selection " + change.Name,
        PostureObjectKind.Framework => "framework " + change.Name,
        PostureObjectKind.ReportPlan => "report plan " + change.Name,
        _ => "selection " + change.Name,
    };

    private static void AppendWarnings(StringBuilder builder, IReadOnlyList<PostureChange> changes)
    {
        var warned = changes.Where(c => c.Warning is not null).ToList();
        if (warned.Count == 0)
        {
            return;
        }

        builder.Append("Warnings:\n");
        foreach (var change in warned)
        {
            builder.Append("  ! ").Append(Describe(change)).Append(": ").Append(change.Warning).Append('\n');
        }
    }

    private static string Counts(IReadOnlyList<PostureChange> changes, bool past)
    {
        var parts = new List<string>();
        Add(ChangeAction.Create, past ? "created" : "to create");
        Add(ChangeAction.Update, past ? "updated" : "to update");
        Add(ChangeAction.Replace, past ? "replaced" : "to replace");
        Add(ChangeAction.Delete, past ? "deleted" : "to delete");
        Add(ChangeAction.Blocked, "blocked");
        return string.Join(", ", parts);

        void Add(ChangeAction action, string label)
        {
            var count = changes.Count(c => c.Action == action);
            if (count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {label}"));
            }
        }
    }

    private static string CountUnchanged(IReadOnlyList<PostureChange> changes)
    {
        var unchanged = changes.Count(c => c.Action == ChangeAction.Unchanged);
        var undeclared = changes.Count(c => c.Action == ChangeAction.Undeclared);
        var text = unchanged > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({unchanged} unchanged") : null;
        if (undeclared > 0)
        {
            text = (text is null ? " (" : text + ", ") + string.Create(CultureInfo.InvariantCulture, $"{undeclared} undeclared left alone");
        }

        return text is null ? string.Empty : text + ")";
    }

    private static string Symbol(ChangeAction action) => action switch
    {
        ChangeAction.Create => "+",
        ChangeAction.Update => "~",
        ChangeAction.Replace => "-/+",
        ChangeAction.Delete => "-",
        ChangeAction.Undeclared => "?",
        ChangeAction.Blocked => "x",
        _ => "=",
    };

    private static string? Past(ChangeAction action) => action switch
    {
        ChangeAction.Create => "created",
        ChangeAction.Update => "updated",
        ChangeAction.Replace => "replaced",
        ChangeAction.Delete => "deleted",
        _ => null,
    };
}
