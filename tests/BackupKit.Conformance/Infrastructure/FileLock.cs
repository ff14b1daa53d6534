namespace BackupKit.Conformance.Infrastructure;

/// <summary>
/// A lock across test processes: an exclusively opened file, deleted when released. Serializes one-time installs
/// (npm ci, apt-get) when several test runs start at once.
/// </summary>
internal static class FileLock
{
    public static async Task<FileStream> AcquireAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(12);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250).ConfigureAwait(false);
            }
        }
    }
}
