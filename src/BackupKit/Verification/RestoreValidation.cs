namespace BackupKit.Verification;

/// <summary>
/// Checks a restored resource: row counts, checksums of sampled keys, a query, a health endpoint. Validators run
/// after the restore job completed; each has a timeout, and one that throws, hangs or exceeds its timeout fails that
/// resource, never the drill.
/// </summary>
public interface IRestoreValidator
{
    /// <summary>Validates the restored resource.</summary>
    /// <param name="context">What was restored, from which recovery point, with which metadata.</param>
    /// <param name="cancellationToken">Cancelled when the validator's timeout passes or the drill is cancelled.</param>
    /// <returns>Passed or failed, with a message and measured values.</returns>
    ValueTask<RestoreValidationResult> ValidateAsync(RestoreValidationContext context, CancellationToken cancellationToken);
}

/// <summary>What a validator is given.</summary>
public sealed record RestoreValidationContext
{
    /// <summary>Gets the ARN of the protected (source) resource.</summary>
    public required string SourceResourceArn { get; init; }

    /// <summary>Gets the ARN of the resource the restore created: the one to check.</summary>
    public required string RestoredResourceArn { get; init; }

    /// <summary>Gets the AWS Backup resource type, for example <c>DynamoDB</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>Gets the restored recovery point.</summary>
    public required string RecoveryPointArn { get; init; }

    /// <summary>Gets when the recovery point was created.</summary>
    public DateTimeOffset? RecoveryPointCreationDate { get; init; }

    /// <summary>Gets the vault that holds the recovery point.</summary>
    public string? BackupVaultArn { get; init; }

    /// <summary>Gets the restore job id.</summary>
    public required string RestoreJobId { get; init; }

    /// <summary>Gets the restore metadata the job was started with (empty when unknown).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the source resource's tags as its recovery point carries them (empty when not read).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>What a validator found.</summary>
public sealed record RestoreValidationResult
{
    private static readonly IReadOnlyDictionary<string, double> NoMeasurements = new Dictionary<string, double>();

    /// <summary>Gets whether the restored resource is as expected.</summary>
    public required bool Passed { get; init; }

    /// <summary>Gets what was checked and, on failure, what was wrong.</summary>
    public required string Message { get; init; }

    /// <summary>Gets the values measured, for example <c>itemCount</c>; reported as they are.</summary>
    public IReadOnlyDictionary<string, double> Measurements { get; init; } = NoMeasurements;

    /// <summary>A passing result.</summary>
    /// <param name="message">What was checked.</param>
    /// <param name="measurements">Values measured, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    public static RestoreValidationResult Pass(string message, IReadOnlyDictionary<string, double>? measurements = null) =>
        new() { Passed = true, Message = message, Measurements = measurements ?? NoMeasurements };

    /// <summary>A failing result.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="measurements">Values measured, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    public static RestoreValidationResult Fail(string message, IReadOnlyDictionary<string, double>? measurements = null) =>
        new() { Passed = false, Message = message, Measurements = measurements ?? NoMeasurements };
}

/// <summary>A validator with its name, the resources it applies to and its timeout.</summary>
public sealed record RestoreValidatorRegistration
{
    /// <summary>Creates a registration.</summary>
    /// <param name="name">A name for reports, for example <c>dynamodb-item-count</c>.</param>
    /// <param name="scope">The resources it validates.</param>
    /// <param name="validator">The validator.</param>
    /// <param name="timeout">Its timeout, or <see langword="null"/> for the drill's <see cref="RestoreDrillOptions.ValidatorTimeout"/>.</param>
    public RestoreValidatorRegistration(string name, ResourceScope scope, IRestoreValidator validator, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(validator);
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, $"The timeout of validator '{name}' must be positive.");
        }

        Name = name;
        Scope = scope;
        Validator = validator;
        Timeout = timeout;
    }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the resources it validates.</summary>
    public ResourceScope Scope { get; }

    /// <summary>Gets the validator.</summary>
    public IRestoreValidator Validator { get; }

    /// <summary>Gets its own timeout, if any.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Registers a delegate as a validator.</summary>
    /// <param name="name">A name for reports.</param>
    /// <param name="scope">The resources it validates.</param>
    /// <param name="validate">The check.</param>
    /// <param name="timeout">Its timeout, or <see langword="null"/> for the drill's default.</param>
    /// <returns>The registration.</returns>
    public static RestoreValidatorRegistration Create(
        string name,
        ResourceScope scope,
        Func<RestoreValidationContext, CancellationToken, ValueTask<RestoreValidationResult>> validate,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(validate);
        return new(name, scope, new DelegateValidator(validate), timeout);
    }

    private sealed class DelegateValidator(Func<RestoreValidationContext, CancellationToken, ValueTask<RestoreValidationResult>> validate) : IRestoreValidator
    {
        public ValueTask<RestoreValidationResult> ValidateAsync(RestoreValidationContext context, CancellationToken cancellationToken) => validate(context, cancellationToken);
    }
}
