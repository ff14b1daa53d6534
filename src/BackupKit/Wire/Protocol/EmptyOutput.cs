namespace BackupKit.Wire.Protocol;

/// <summary>
/// The output of an operation whose model declares none (AWS answers with an empty body). Also compiled into
/// BackupKit.Local (linked source), where the emulator's handlers of such operations return it.
/// </summary>
internal sealed class EmptyOutput
{
    /// <summary>The single instance.</summary>
    public static readonly EmptyOutput Instance = new();

    private EmptyOutput()
    {
    }
}
