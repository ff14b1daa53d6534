namespace BackupKit.Verification.RestoreTesting;

/// <summary>What the handler did with one restore testing job.</summary>
public sealed record RestoreTestValidation
{
    /// <summary>Gets the restore job id.</summary>
    public required string RestoreJobId { get; init; }

    /// <summary>Gets the restore testing plan that created the job.</summary>
    public required string RestoreTestingPlanArn { get; init; }

    /// <summary>Gets the protected resource.</summary>
    public required string ResourceArn { get; init; }

    /// <summary>Gets its AWS Backup resource type.</summary>
    public required string ResourceType { get; init; }

    /// <summary>Gets the restored resource.</summary>
    public string? RestoredResourceArn { get; init; }

    /// <summary>Gets the validation status sent (<c>SUCCESSFUL</c> or <c>FAILED</c>), or <see langword="null"/> when none was sent.</summary>
    public string? ValidationStatus { get; init; }

    /// <summary>Gets the message sent, or why nothing was sent.</summary>
    public required string Message { get; init; }

    /// <summary>Gets whether <c>PutRestoreValidationResult</c> was called.</summary>
    public bool Reported { get; init; }

    /// <summary>Gets when the validation window ends (restore completed plus <c>ValidationWindowHours</c>).</summary>
    public DateTimeOffset? ValidationWindowEnd { get; init; }

    /// <summary>Gets the restore duration AWS reports.</summary>
    public TimeSpan? RestoreDuration { get; init; }

    /// <summary>Gets the time the validators took.</summary>
    public TimeSpan? ValidationDuration { get; init; }

    /// <summary>Gets the recovery point's age when the restore job was created.</summary>
    public TimeSpan? RecoveryPointAge { get; init; }

    /// <summary>Gets each validator's result.</summary>
    public IReadOnlyList<ValidatorReport> Validations { get; init; } = [];

    /// <summary>Gets each target checked.</summary>
    public IReadOnlyList<TargetVerdict> Targets { get; init; } = [];
}
