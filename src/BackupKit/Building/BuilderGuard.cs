namespace BackupKit.Building;

/// <summary>Makes a builder single-use: once its product is taken, further calls fail loudly instead of being lost.</summary>
internal sealed class BuilderGuard(string builderName)
{
    private bool _frozen;

    public void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw new InvalidOperationException(
                $"This {builderName} has already been built; it cannot be changed any more. Configure it inside its callback, before Build().");
        }
    }

    public void Freeze() => _frozen = true;
}
