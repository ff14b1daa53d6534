using BackupKit.Local.State;

namespace BackupKit.Local.Operations;

/// <summary>Runs restore testing plans' schedules up to the emulator clock. Called under the region gate.</summary>
internal static class RestoreTestingEngine
{
    public static void Advance(RegionState state, DateTimeOffset now)
    {
        foreach (var plan in state.RestoreTestingPlans.Values)
        {
            if (plan.ScheduledThrough < now)
            {
                plan.ScheduledThrough = now;
            }
        }
    }
}
