using BackupKit.Model;

namespace BackupKit.Verification.RestoreTesting;

/// <summary>How <see cref="RestoreTestingValidationHandler"/> validates AWS's scheduled restore tests.</summary>
public sealed class RestoreTestingValidationOptions
{
    /// <summary>Gets the validators; each runs on the restored resources of its scope.</summary>
    public IList<RestoreValidatorRegistration> Validators { get; } = new List<RestoreValidatorRegistration>();

    /// <summary>Gets the restore testing plans whose jobs are validated, by name; empty for every plan of the account and Region.</summary>
    public IList<string> RestoreTestingPlanNames { get; } = new List<string>();

    /// <summary>Gets the recovery targets checked on each validated job (a missed target reports FAILED).</summary>
    public IList<RecoveryTarget> Targets { get; } = new List<RecoveryTarget>();

    /// <summary>Gets or sets the timeout of validators without their own; always cut to the time left in the validation window. Default 5 minutes.</summary>
    public TimeSpan ValidatorTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets whether a job no validator applies to is reported FAILED (otherwise it is left alone). Default <see langword="true"/>.</summary>
    public bool RequireValidation { get; set; } = true;

    /// <summary>Gets or sets how long before the validation window ends the result must be sent. Default 2 minutes.</summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how far back completed jobs are looked for. Default 7 days (the longest validation window, 168 hours).</summary>
    public TimeSpan LookBack { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets how often the hosted service looks for jobs waiting for validation. Default 5 minutes.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Validates the jobs of the posture's restore testing plans only.</summary>
    /// <param name="posture">The posture.</param>
    /// <returns>These options, for chaining.</returns>
    public RestoreTestingValidationOptions ForPosture(BackupPosture posture)
    {
        ArgumentNullException.ThrowIfNull(posture);
        foreach (var plan in posture.RestoreTestingPlans)
        {
            if (!RestoreTestingPlanNames.Contains(plan.Name))
            {
                RestoreTestingPlanNames.Add(plan.Name);
            }
        }

        return this;
    }

    /// <summary>Checks the options and throws one exception listing every problem.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (ValidatorTimeout <= TimeSpan.Zero)
        {
            problems.Add($"ValidatorTimeout must be positive (was {BackupKit.Rules.DurationText.Format(ValidatorTimeout)}).");
        }

        if (SafetyMargin < TimeSpan.Zero)
        {
            problems.Add($"SafetyMargin cannot be negative (was {BackupKit.Rules.DurationText.Format(SafetyMargin)}).");
        }

        if (LookBack <= TimeSpan.Zero)
        {
            problems.Add($"LookBack must be positive (was {BackupKit.Rules.DurationText.Format(LookBack)}).");
        }

        if (ScanInterval <= TimeSpan.Zero)
        {
            problems.Add($"ScanInterval must be positive (was {BackupKit.Rules.DurationText.Format(ScanInterval)}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The restore testing validation options are not valid:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems));
        }
    }
}
