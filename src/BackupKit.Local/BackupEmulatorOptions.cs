using Microsoft.Extensions.Logging;

namespace BackupKit.Local;

/// <summary>How a <see cref="BackupEmulator"/> listens, which clock it uses and how it maps callers to accounts.</summary>
public sealed class BackupEmulatorOptions
{
    /// <summary>The loopback port to listen on; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The clock every timestamp the emulator writes comes from (creation dates, lock dates, deletion dates, the
    /// <c>Date</c> header), and the clock request signing times are checked against (AWS refuses requests signed more
    /// than 15 minutes away from its time). Replace it with a fake clock to move time forward in tests; sign requests
    /// with the same clock (or let the SDK correct its skew from the <c>Date</c> header).
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The account that owns requests signed with an access key that is not mapped in <see cref="AccountsByAccessKey"/>.</summary>
    public string DefaultAccountId { get; set; } = "000000000000";

    /// <summary>
    /// Maps access key ids to 12-digit account ids, so that callers can act as different accounts.
    /// An access key that is itself 12 digits is taken as the account id when it is not mapped here.
    /// </summary>
    public IDictionary<string, string> AccountsByAccessKey { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Secret access keys by access key id. Requests signed with an access key listed here have their SigV4 signature
    /// verified, as AWS verifies it; requests with other access keys are accepted on a well-formed <c>Authorization</c>
    /// header alone. Either way a request must be signed within 15 minutes of <see cref="TimeProvider"/>'s time.
    /// </summary>
    public IDictionary<string, string> SecretsByAccessKey { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The management account of the AWS Organizations organization every emulated account belongs to; null (the
    /// default) takes <see cref="DefaultAccountId"/>. Only this account may call <c>UpdateGlobalSettings</c> and read
    /// job summaries of other accounts, as AWS allows only an organization's management account.
    /// </summary>
    public string? OrganizationManagementAccountId { get; set; }

    /// <summary>
    /// A directory where the emulator keeps its state across restarts (a checksummed journal of every request, written
    /// durably before the request is handled); null keeps state in memory only. Set by the command-line tool's
    /// <c>--state-dir</c>; changes made through <see cref="BackupEmulator.Inventory"/> are not journaled, so use the
    /// admin HTTP path instead when this is set.
    /// </summary>
    internal string? StateDirectory { get; set; }

    /// <summary>Where the emulator and the web host log; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
