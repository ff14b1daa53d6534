using BackupKit.Model;
using static BackupKit.Model.Retention;

namespace BackupKit.Samples.HostedService;

/// <summary>The posture the worker keeps true in every Region it is configured for.</summary>
public static class SamplePosture
{
    /// <summary>A locked vault, a daily rule kept 35 days and a tag-based selection.</summary>
    public static BackupPosture Declare() => BackupPosture.Create()
        .AddVault("hosted-primary", v => v.Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(400))))
        .AddPlan("hosted-daily", p => p
            .AddRule("daily", r => r.Daily().InVault("hosted-primary").DeleteAfter(Days(35)))
            .Select("tagged", s => s.WhereTag("backup", "daily")))
        .Build();
}
