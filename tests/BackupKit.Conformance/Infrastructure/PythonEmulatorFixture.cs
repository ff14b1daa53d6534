namespace BackupKit.Conformance.Infrastructure;

/// <summary>The emulator fixture for the boto3 flows: makes python3 with boto3 available instead of the JavaScript SDK.</summary>
public sealed class PythonEmulatorFixture : EmulatorFixture
{
    /// <summary>"boto3 X botocore Y", as python3 imports them.</summary>
    public string ClientVersion { get; private set; } = string.Empty;

    protected override async Task PrepareClientAsync() => ClientVersion = await PythonClients.EnsureBoto3Async().ConfigureAwait(false);
}

/// <summary>The emulator fixture for the AWS CLI flows: makes the <c>aws</c> command available instead of the JavaScript SDK.</summary>
public sealed class AwsCliEmulatorFixture : EmulatorFixture
{
    /// <summary>The <c>aws --version</c> line.</summary>
    public string ClientVersion { get; private set; } = string.Empty;

    protected override async Task PrepareClientAsync() => ClientVersion = await PythonClients.EnsureAwsCliAsync().ConfigureAwait(false);
}
