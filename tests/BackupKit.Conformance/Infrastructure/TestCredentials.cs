namespace BackupKit.Conformance.Infrastructure;

/// <summary>The credentials, Region and account the conformance tests use (test values, not secrets).</summary>
internal static class TestCredentials
{
    public const string AccessKeyId = "AKIDBACKUPKITTEST";
    public const string SecretAccessKey = "backupkit-test-secret";
    public const string Region = "us-east-1";

    /// <summary>The account the emulator maps the test access key to (not the default, so the mapping is exercised).</summary>
    public const string AccountId = "111122223333";
}
