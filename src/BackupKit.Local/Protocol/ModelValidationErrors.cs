namespace BackupKit.Local.Protocol;

/// <summary>What is wrong with an input measured against the service model's constraints.</summary>
internal sealed class ModelValidationErrors
{
    private List<ModelValidationError>? _errors;

    /// <summary>The problems found, in model member order.</summary>
    public IReadOnlyList<ModelValidationError> Errors => (IReadOnlyList<ModelValidationError>?)_errors ?? [];

    /// <summary>Whether nothing is wrong.</summary>
    public bool IsEmpty => _errors is null || _errors.Count == 0;

    /// <summary>Records one problem.</summary>
    public void Add(ModelValidationErrorKind kind, string path, string message)
        => (_errors ??= []).Add(new ModelValidationError(kind, path, message));
}

/// <summary>One problem: which member, what kind, and a message that says which constraint failed.</summary>
/// <param name="Kind">Missing required member, or a value outside the model's constraints.</param>
/// <param name="Path">Member path such as <c>BackupPlan.Rules[0].RuleName</c>.</param>
/// <param name="Message">Human-readable explanation naming the constraint.</param>
internal sealed record ModelValidationError(ModelValidationErrorKind Kind, string Path, string Message);

/// <summary>Kinds of model constraint violations; AWS answers them with different errors.</summary>
internal enum ModelValidationErrorKind
{
    /// <summary>A required member is absent (AWS: <c>MissingParameterValueException</c>).</summary>
    Missing,

    /// <summary>A member breaks a length, range, pattern or enum constraint (AWS: <c>InvalidParameterValueException</c>).</summary>
    Invalid,
}
