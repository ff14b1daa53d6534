namespace BackupKit.Conformance.Infrastructure;

/// <summary>The emulator fixture for the boto3 flows: makes python3 with boto3 available instead of the JavaScript SDK.</summary>
public sealed class PythonEmulatorFixture : EmulatorFixture
{
    private Client? _client;

    /// <summary>The python3 that imports boto3.</summary>
    public string Python => Prepared.Command;

    /// <summary>"boto3 X botocore Y", as that python3 imports them.</summary>
    public string ClientVersion => Prepared.Version;

    private Client Prepared => _client ?? throw new InvalidOperationException("boto3 is not prepared.");

    protected override bool VerifySignatures => true;

    protected override async Task PrepareClientAsync() => _client = await PythonClients.EnsureBoto3Async().ConfigureAwait(false);
}

/// <summary>The emulator fixture for the AWS CLI flows: makes the <c>aws</c> command available instead of the JavaScript SDK.</summary>
public sealed class AwsCliEmulatorFixture : EmulatorFixture
{
    private Client? _client;

    /// <summary>The <c>aws --version</c> line.</summary>
    public string ClientVersion => Prepared.Version;

    /// <summary>The environment of the client processes plus <c>BACKUPKIT_AWS_CLI</c>, the <c>aws</c> command to run.</summary>
    public IReadOnlyDictionary<string, string?> CliEnvironment =>
        new Dictionary<string, string?>(ClientEnvironment) { ["BACKUPKIT_AWS_CLI"] = Prepared.Command };

    private Client Prepared => _client ?? throw new InvalidOperationException("The AWS CLI is not prepared.");

    protected override bool VerifySignatures => true;

    protected override async Task PrepareClientAsync() => _client = await PythonClients.EnsureAwsCliAsync().ConfigureAwait(false);
}
