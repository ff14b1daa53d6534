using BackupKit.Local.State;

namespace BackupKit.Local.Operations;

/// <summary>
/// Where restore testing plans' schedules will run up to the emulator clock (called under the region gate). Scheduled
/// runs are not implemented yet: it only records how far the schedule has been considered, and starts no restore job.
/// </summary>
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
