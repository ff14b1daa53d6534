using BackupKit.Building;

namespace BackupKit.Model;

// The posture's entry points into the layer above the model. BackupPosture is partial so that users keep calling
// BackupPosture.Create() and posture.Validate() while Model/ holds data only: this file is the one place where the
// model type meets the builders and the validator, and it lives with them.
public sealed partial record BackupPosture
{
    /// <summary>Starts a fluent builder for a posture.</summary>
    /// <returns>A new, empty builder.</returns>
    public static BackupPostureBuilder Create() => new();

    /// <summary>
    /// Checks this posture against every rule of the BackupKit rules table and returns all findings, errors and
    /// warnings alike. An empty list means AWS will accept the posture as far as BackupKit knows.
    /// </summary>
    /// <returns>The violations, in path order.</returns>
    public IReadOnlyList<PostureViolation> Validate() => PostureValidator.Validate(this);
}
