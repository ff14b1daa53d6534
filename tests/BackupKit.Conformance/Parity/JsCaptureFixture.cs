using BackupKit.Conformance.Infrastructure;

namespace BackupKit.Conformance.Parity;

/// <summary>Runs <c>js/parity/send.mjs</c> once: every case of cases.json through the official JS SDK into a capture server.</summary>
public sealed class JsCaptureFixture : IAsyncLifetime
{
    private CaptureServer? _server;

    /// <summary>What node printed (cases the JS SDK refused are listed there).</summary>
    public string NodeOutput { get; private set; } = string.Empty;

    internal IReadOnlyList<CapturedRequest> RequestsFor(string caseName) =>
        _server?.ForCase(caseName) ?? throw new InvalidOperationException("The capture server is not running.");

    public async Task InitializeAsync()
    {
        _server = new CaptureServer();
        var result = await JsProject.RunNodeAsync(
            [Path.Combine("parity", "send.mjs")],
            new Dictionary<string, string?>
            {
                ["BACKUPKIT_CAPTURE_ENDPOINT"] = _server.BaseAddress.ToString(),
                ["AWS_ACCESS_KEY_ID"] = TestCredentials.AccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = TestCredentials.SecretAccessKey,
                ["AWS_REGION"] = TestCredentials.Region,
            },
            TimeSpan.FromMinutes(2));
        NodeOutput = result.Output;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"node parity/send.mjs exited with {result.ExitCode}:\n{result.Output}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The parity test classes share one run of the JS SDK over cases.json.</summary>
[CollectionDefinition(Name)]
public sealed class JsCaptureCollection : ICollectionFixture<JsCaptureFixture>
{
    public const string Name = "JS SDK captures";
}
