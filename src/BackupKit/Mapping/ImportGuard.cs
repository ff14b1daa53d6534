namespace BackupKit.Mapping;

/// <summary>
/// Import never rewrites: a value read from AWS that BackupKit's model cannot hold stops the import, naming the member,
/// instead of being dropped or turned into a default that drift detection could then not see.
/// </summary>
internal static class ImportGuard
{
    /// <summary>Refuses a wire object that carried members this version of the model does not know.</summary>
    /// <param name="unknownMembers">The members the generated reader skipped (the shape's <c>UnknownMembers</c>).</param>
    /// <param name="shape">The wire shape, as the service model names it (for example <c>BackupSelection</c>).</param>
    /// <param name="owner">The object it belongs to (for example the selection's name), or <see langword="null"/>.</param>
    /// <exception cref="NotSupportedException">At least one member is unknown.</exception>
    public static void NoUnknownMembers(List<string>? unknownMembers, string shape, string? owner)
    {
        if (unknownMembers is { Count: > 0 })
        {
            var names = string.Join(", ", unknownMembers.Select(m => shape + "." + m));
            throw new NotSupportedException(
                $"{names}{Of(owner)} {(unknownMembers.Count == 1 ? "is a member" : "are members")} this version of BackupKit does not know; "
                + "import stops rather than drop it. Update BackupKit to a version whose service model has it, or manage this object outside the posture.");
        }
    }

    /// <summary>Refuses a member AWS can hold but BackupKit's model cannot, when it is present.</summary>
    /// <param name="present">Whether the member has a value.</param>
    /// <param name="member">The member, as <c>Shape.Member</c>.</param>
    /// <param name="owner">The object it belongs to, or <see langword="null"/>.</param>
    /// <exception cref="NotSupportedException">The member has a value.</exception>
    public static void NotHeld(bool present, string member, string? owner)
    {
        if (present)
        {
            throw new NotSupportedException(
                $"{member}{Of(owner)} has a value BackupKit's model cannot hold yet; import stops rather than drop it. "
                + "Manage this object outside the posture (for example mark its vault or plan external) until BackupKit supports the member.");
        }
    }

    private static string Of(string? owner) => string.IsNullOrEmpty(owner) ? string.Empty : $" of '{owner}'";
}
