namespace BackupKit.Wire;

/// <summary>
/// The service's idea of the current time, learned from the <c>Date</c> header of its answers. Decisions that AWS makes
/// on its own clock (for example whether a compliance-mode Vault Lock has become immutable) are made with this time,
/// not the local clock, which may be wrong.
/// </summary>
public interface IBackupServiceClock
{
    /// <summary>
    /// Returns the service's current time: the local clock plus the offset measured from the latest answer that carried a
    /// <c>Date</c> header (whole seconds, so within about a second plus the network delay), or <see langword="null"/>
    /// before any such answer arrived.
    /// </summary>
    /// <returns>The service time, or <see langword="null"/>.</returns>
    DateTimeOffset? GetServiceTime();
}
