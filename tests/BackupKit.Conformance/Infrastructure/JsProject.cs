using System.Reflection;

namespace BackupKit.Conformance.Infrastructure;

/// <summary>
/// The JavaScript half of the conformance tests (folder <c>js/</c> next to this project): installs its pinned
/// dependencies with <c>npm ci</c> when needed and runs node scripts in it.
/// </summary>
internal static class JsProject
{
    private const string NodeHint =
        "The conformance tests drive BackupKit with the official AWS SDK for JavaScript v3 and need Node.js 20 or later " +
        "with npm on PATH (https://nodejs.org). Install it and run the tests again.";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool s_installed;

    /// <summary>The absolute path of the <c>js/</c> folder, recorded at build time.</summary>
    public static string Directory { get; } = typeof(JsProject).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ConformanceJsDirectory").Value
        ?? throw new InvalidOperationException("The ConformanceJsDirectory assembly metadata is missing; rebuild the project.");

    /// <summary>
    /// Runs <c>npm ci</c> when <c>node_modules</c> is missing or older than <c>package-lock.json</c>. Serialized inside
    /// the process (parallel test classes) and across processes (a lock file), so it runs at most once.
    /// </summary>
    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (s_installed)
            {
                return;
            }

            await using (await AcquireFileLockAsync(Path.Combine(Directory, ".npm-install.lock")).ConfigureAwait(false))
            {
                if (NeedsInstall())
                {
                    var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
                    var result = await ProcessRunner.RunAsync(
                        npm,
                        ["ci", "--no-audit", "--no-fund"],
                        Directory,
                        new Dictionary<string, string?>(),
                        TimeSpan.FromMinutes(5),
                        NodeHint).ConfigureAwait(false);
                    if (result.ExitCode != 0)
                    {
                        throw new InvalidOperationException(
                            $"'npm ci' failed in {Directory} (exit code {result.ExitCode}). The npm registry must be reachable " +
                            $"on the first run. npm said:\n{result.Output}");
                    }

                    if (NeedsInstall())
                    {
                        throw new InvalidOperationException($"'npm ci' succeeded but {Directory}/node_modules is still missing or stale.");
                    }
                }
            }

            s_installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Runs node with the given arguments in the <c>js/</c> folder.</summary>
    public static async Task<ProcessResult> RunNodeAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        await EnsureInstalledAsync().ConfigureAwait(false);
        var env = new Dictionary<string, string?>(environment)
        {
            // Plain output in test logs; no credentials or settings from the machine's AWS configuration.
            ["NO_COLOR"] = "1",
            ["FORCE_COLOR"] = "0",
            // The pinned SDK supports Node 20; its notice about future versions needing Node 22 is noise here.
            ["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true",
            ["AWS_PROFILE"] = null,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_CONFIG_FILE"] = Path.Combine(Directory, "no-aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Directory, "no-aws-credentials"),
        };
        return await ProcessRunner.RunAsync("node", arguments, Directory, env, timeout, NodeHint).ConfigureAwait(false);
    }

    private static bool NeedsInstall()
    {
        // npm ci writes node_modules/.package-lock.json last; compare it with the committed lock file.
        var installed = new FileInfo(Path.Combine(Directory, "node_modules", ".package-lock.json"));
        var lockFile = new FileInfo(Path.Combine(Directory, "package-lock.json"));
        if (!lockFile.Exists)
        {
            throw new InvalidOperationException($"{lockFile.FullName} is missing; it is committed with the repository.");
        }

        return !installed.Exists || installed.LastWriteTimeUtc < lockFile.LastWriteTimeUtc;
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(6);
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
