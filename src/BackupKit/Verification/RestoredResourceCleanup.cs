namespace BackupKit.Verification;

/// <summary>
/// Deletes what a drill restored. AWS Backup has no operation that deletes a restored resource (only restore testing
/// deletes its own restores), so deletion goes through the resource's own service: DynamoDB <c>DeleteTable</c>, RDS
/// <c>DeleteDBInstance</c> with <c>SkipFinalSnapshot</c>, EC2 <c>DeleteVolume</c>, and so on. Register one per resource
/// type in <see cref="RestoreDrillOptions.Cleanups"/>; a restored resource with no clean-up is left behind and fails
/// the drill unless <see cref="RestoreDrillOptions.KeepRestoredResources"/> is set.
/// </summary>
public interface IRestoredResourceCleanup
{
    /// <summary>Deletes the restored resource.</summary>
    /// <param name="resource">What to delete.</param>
    /// <param name="cancellationToken">Cancelled when <see cref="RestoreDrillOptions.CleanupTimeout"/> passes.</param>
    /// <returns>Whether it was deleted, with a message.</returns>
    ValueTask<RestoredResourceCleanupResult> CleanUpAsync(RestoredResource resource, CancellationToken cancellationToken);
}

/// <summary>A resource a restore created.</summary>
/// <param name="RestoredResourceArn">Its ARN (the restore job's <c>CreatedResourceArn</c>).</param>
/// <param name="ResourceType">The AWS Backup resource type.</param>
/// <param name="SourceResourceArn">The protected resource it was restored from.</param>
/// <param name="RestoreJobId">The restore job that created it.</param>
public sealed record RestoredResource(string RestoredResourceArn, string ResourceType, string SourceResourceArn, string RestoreJobId);

/// <summary>What a clean-up did.</summary>
/// <param name="Deleted">Whether the resource is gone (or being deleted, with nothing more to do).</param>
/// <param name="Message">What was done, or why it failed.</param>
public sealed record RestoredResourceCleanupResult(bool Deleted, string Message)
{
    /// <summary>The resource was deleted.</summary>
    /// <param name="message">What was done.</param>
    /// <returns>The result.</returns>
    public static RestoredResourceCleanupResult Done(string message = "deleted") => new(true, message);

    /// <summary>The resource could not be deleted.</summary>
    /// <param name="message">Why.</param>
    /// <returns>The result.</returns>
    public static RestoredResourceCleanupResult Failed(string message) => new(false, message);

    /// <summary>A clean-up from a delegate.</summary>
    /// <param name="cleanUp">Deletes the resource.</param>
    /// <returns>The clean-up.</returns>
    public static IRestoredResourceCleanup From(Func<RestoredResource, CancellationToken, ValueTask<RestoredResourceCleanupResult>> cleanUp)
    {
        ArgumentNullException.ThrowIfNull(cleanUp);
        return new DelegateCleanup(cleanUp);
    }

    private sealed class DelegateCleanup(Func<RestoredResource, CancellationToken, ValueTask<RestoredResourceCleanupResult>> cleanUp) : IRestoredResourceCleanup
    {
        public ValueTask<RestoredResourceCleanupResult> CleanUpAsync(RestoredResource resource, CancellationToken cancellationToken) => cleanUp(resource, cancellationToken);
    }
}
