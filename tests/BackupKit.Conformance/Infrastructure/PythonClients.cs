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

    private const string PythonHint =
        "The conformance flows in py/ and cli/ run with python3. Install it (Debian/Ubuntu: 'sudo apt-get install -y python3') " +
        "and run the tests again.";

    private const string AwsCliHint =
        "The conformance flows in cli/ drive BackupKit with the official AWS CLI and need the 'aws' command on PATH. " +
        "Install it (Debian/Ubuntu: 'sudo apt-get install -y awscli'; elsewhere: " +
        "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) and run the tests again.";

    /// <summary>Overrides the interpreter the boto3 flows run with (e.g. a Python with another boto3 release).</summary>
    public const string PythonOverrideVariable = "BACKUPKIT_CONFORMANCE_PYTHON";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static Client? s_boto3;
    private static Client? s_awsCli;

    /// <summary>The absolute path of the <c>py/</c> folder (boto3 flows), recorded at build time.</summary>
    public static string PythonDirectory { get; } = BuildTimePath("ConformancePythonDirectory");

    /// <summary>The absolute path of the <c>cli/</c> folder (AWS CLI flows), recorded at build time.</summary>
    public static string CliDirectory { get; } = BuildTimePath("ConformanceCliDirectory");

    /// <summary>Makes sure a python3 that imports boto3 is available; returns it and "boto3 X botocore Y".</summary>
    public static async Task<Client> EnsureBoto3Async()
    {
        await InstallGate.WaitAsync().ConfigureAwait(false);
        try
        {
            s_boto3 ??= await EnsureAsync(FindBoto3Async, "python3-boto3", Boto3Hint).ConfigureAwait(false);
            return s_boto3;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Makes sure the AWS CLI runs; returns its path and its <c>aws --version</c> line.</summary>
    public static async Task<Client> EnsureAwsCliAsync()
    {
        await InstallGate.WaitAsync().ConfigureAwait(false);
        try
        {
            s_awsCli ??= await EnsureAsync(FindAwsCliAsync, "awscli", AwsCliHint).ConfigureAwait(false);
            return s_awsCli;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Runs <c>&lt;python&gt; &lt;script&gt;</c> in <paramref name="workingDirectory"/> with the fixture's environment.</summary>
    public static Task<ProcessResult> RunPythonAsync(
        string python, string workingDirectory, string script, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
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
        return ProcessRunner.RunAsync(python, [script], workingDirectory, env, timeout, PythonHint);
    }

    /// <summary>The python3 to run CLI flows with (standard library only): the first one on PATH, else Debian's.</summary>
    public static string AnyPython() =>
        File.Exists("/usr/bin/python3") && !OnPath("python3") ? "/usr/bin/python3" : "python3";

    private static async Task<Client> EnsureAsync(Func<Task<Client?>> probe, string debianPackage, string hint)
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

    private static async Task<Client?> FindBoto3Async()
    {
        // apt installs python3-boto3 for Debian's /usr/bin/python3, which need not be the python3 first on PATH.
        var overridden = Environment.GetEnvironmentVariable(PythonOverrideVariable);
        string[] candidates = string.IsNullOrEmpty(overridden) ? ["python3", "/usr/bin/python3"] : [overridden];
        foreach (var python in candidates)
        {
            var result = await TryRunAsync(
                python, ["-c", "import boto3, botocore; print('boto3', boto3.__version__, 'botocore', botocore.__version__)"]).ConfigureAwait(false);
            if (result is { ExitCode: 0 })
            {
                return new Client(python, result.Output.Trim());
            }
        }

        return null;
    }

    private static async Task<Client?> FindAwsCliAsync()
    {
        foreach (var aws in new[] { "aws", "/usr/bin/aws" })
        {
            var result = await TryRunAsync(aws, ["--version"]).ConfigureAwait(false);
            if (result is { ExitCode: 0 } && result.Output.Contains("aws-cli/", StringComparison.Ordinal))
            {
                return new Client(aws, result.Output.Trim());
            }
        }

        return null;
    }

    private static bool OnPath(string fileName) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, fileName)));

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

/// <summary>An official client found on this machine: the command that runs it and the version it reports.</summary>
internal sealed record Client(string Command, string Version);
