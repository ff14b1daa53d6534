namespace BackupKit.Wire.Protocol;

/// <summary>The output of an operation whose model declares none (AWS answers with an empty body).</summary>
public sealed class EmptyOutput
{
    /// <summary>The single instance.</summary>
    public static readonly EmptyOutput Instance = new();

    private EmptyOutput()
    {
    }
}
