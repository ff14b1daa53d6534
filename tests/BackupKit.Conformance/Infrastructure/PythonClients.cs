using System.Reflection;

namespace BackupKit.Conformance.Infrastructure;

/// <summary>
/// The Python half of the conformance tests: boto3 flows in <c>py/</c> and AWS CLI flows in <c>cli/</c> (folders next
/// to this project). Makes python3 with boto3, and the <c>aws</c> command, available the way a Debian machine can:
/// when one is missing and the tests run as root, <c>apt-get install -y python3-boto3</c> / <c>awscli</c>, once,
/// under a lock; otherwise the tests fail with what to install. Never skips.
/// </summary>
internal static class PythonClients
{
    private const string Boto3Hint =
        "The conformance flows in py/ drive BackupKit with boto3, the official AWS SDK for Python, and need python3 with " +
        "the boto3 module. Install it (Debian/Ubuntu: 'sudo apt-get install -y python3-boto3'; elsewhere: " +
        "'python3 -m pip install boto3') and run the tests again.";

    private const string AwsCliHint =
        "The conformance flows in cli/ drive BackupKit with the official AWS CLI and need the 'aws' command on PATH. " +
        "Install it (Debian/Ubuntu: 'sudo apt-get install -y awscli'; elsewhere: " +
        "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) and run the tests again.";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static string? s_boto3Version;
    private static string? s_awsCliVersion;

    /// <summary>The absolute path of the <c>py/</c> folder (boto3 flows), recorded at build time.</summary>
    public static string PythonDirectory { get; } = BuildTimePath("ConformancePythonDirectory");

    /// <summary>The absolute path of the <c>cli/</c> folder (AWS CLI flows), recorded at build time.</summary>
    public static string CliDirectory { get; } = BuildTimePath("ConformanceCliDirectory");

    /// <summary>Makes sure python3 can import boto3; returns "boto3 X botocore Y".</summary>
    public static async Task<string> EnsureBoto3Async()
    {
        await InstallGate.WaitAsync().ConfigureAwait(false);
        try
        {
            s_boto3Version ??= await EnsureAsync(Boto3VersionAsync, "python3-boto3", Boto3Hint).ConfigureAwait(false);
            return s_boto3Version;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Makes sure the AWS CLI runs; returns its <c>aws --version</c> line.</summary>
    public static async Task<string> EnsureAwsCliAsync()
    {
        await InstallGate.WaitAsync().ConfigureAwait(false);
        try
        {
            s_awsCliVersion ??= await EnsureAsync(AwsCliVersionAsync, "awscli", AwsCliHint).ConfigureAwait(false);
            return s_awsCliVersion;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Runs <c>python3 &lt;script&gt;</c> in <paramref name="workingDirectory"/> with the fixture's environment.</summary>
    public static Task<ProcessResult> RunPythonAsync(
        string workingDirectory, string script, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var env = new Dictionary<string, string?>(environment)
        {
            // Output as it happens, no __pycache__ folders in the source tree.
            ["PYTHONUNBUFFERED"] = "1",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
            // No credentials, profiles or settings from the machine's AWS configuration; no instance metadata lookups.
            ["AWS_PROFILE"] = null,
            ["AWS_DEFAULT_PROFILE"] = null,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_ENDPOINT_URL"] = null,
            ["AWS_ENDPOINT_URL_BACKUP"] = null,
            ["AWS_CONFIG_FILE"] = Path.Combine(workingDirectory, "no-aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(workingDirectory, "no-aws-credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_PAGER"] = string.Empty,
        };
        return ProcessRunner.RunAsync("python3", [script], workingDirectory, env, timeout, Boto3Hint);
    }

    private static async Task<string> EnsureAsync(Func<Task<string?>> probe, string debianPackage, string hint)
    {
        var version = await probe().ConfigureAwait(false);
        if (version is not null)
        {
            return version;
        }

        if (!CanInstallWithApt())
        {
            throw new InvalidOperationException(hint);
        }

        // Other test processes may install at the same time; apt/dpkg take their own lock and fail rather than wait.
        await using (await FileLock.AcquireAsync(Path.Combine(Path.GetTempPath(), "backupkit-conformance-apt.lock")).ConfigureAwait(false))
        {
            version = await probe().ConfigureAwait(false);
            if (version is not null)
            {
                return version;
            }

            var install = await AptGetAsync(["install", "-y", "--no-install-recommends", debianPackage]).ConfigureAwait(false);
            if (install.ExitCode != 0)
            {
                // A fresh machine may have no package lists yet.
                var update = await AptGetAsync(["update"]).ConfigureAwait(false);
                install = update.ExitCode == 0
                    ? await AptGetAsync(["install", "-y", "--no-install-recommends", debianPackage]).ConfigureAwait(false)
                    : update;
            }

            version = await probe().ConfigureAwait(false);
            return version ?? throw new InvalidOperationException(
                $"'apt-get install -y {debianPackage}' did not make it available (exit code {install.ExitCode}). {hint}\napt-get said:\n{install.Output}");
        }
    }

    private static bool CanInstallWithApt() =>
        OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/apt-get");

    private static Task<ProcessResult> AptGetAsync(string[] arguments) =>
        ProcessRunner.RunAsync(
            "apt-get",
            arguments,
            Path.GetTempPath(),
            new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
            TimeSpan.FromMinutes(10),
            "apt-get is needed to install the Python clients.");

    private static async Task<string?> Boto3VersionAsync()
    {
        var result = await TryRunAsync(
            "python3", ["-c", "import boto3, botocore; print('boto3', boto3.__version__, 'botocore', botocore.__version__)"]).ConfigureAwait(false);
        return result is { ExitCode: 0 } ? result.Output.Trim() : null;
    }

    private static async Task<string?> AwsCliVersionAsync()
    {
        var result = await TryRunAsync("aws", ["--version"]).ConfigureAwait(false);
        return result is { ExitCode: 0 } && result.Output.Contains("aws-cli/", StringComparison.Ordinal) ? result.Output.Trim() : null;
    }

    private static async Task<ProcessResult?> TryRunAsync(string fileName, string[] arguments)
    {
        try
        {
            return await ProcessRunner.RunAsync(
                fileName, arguments, Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromMinutes(1), string.Empty).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Not on PATH.
            return null;
        }
    }

    private static string BuildTimePath(string key) => typeof(PythonClients).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The {key} assembly metadata is missing; rebuild the project.");
}
