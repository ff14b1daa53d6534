using System.Globalization;

namespace BackupKit.Local.Cli;

/// <summary>The emulator's command-line options.</summary>
internal sealed class CommandLine
{
    public const string Usage = """
        BackupKit.Local: an emulator of the AWS Backup API on 127.0.0.1.

        Usage: backupkit-local [--port <port>] [--account <12-digit id>] [--access-key <id>=<account>]... [--seed <file.json>] [--state-dir <dir>]

        Options:
          --port <port>                  Port to listen on (default 4566; 0 picks a free port).
          --account <id>                 Account for access keys that are not mapped (default 000000000000).
          --access-key <key>=<account>   Maps an access key id to an account; repeatable.
          --seed <file.json>             Loads resources into the inventory: {"resources": [{"arn": ..., "tags": {...},
                                         "sizeInBytes": ..., "content": {"itemCount": ..., "checksum": ...}}]}.
          --state-dir <dir>              Keeps state across restarts in <dir> (a journal of every request, flushed
                                         to disk before the request runs); the clock's moves are kept too. A seed
                                         file is loaded only while the directory is new.
          -h, --help                     Shows this help.

        Point an AWS Backup client at the printed address with any access key and secret,
        for example access key AKIDBACKUPKITTEST and region us-east-1. Stop with Ctrl+C.
        The admin path /_backupkit/ (plain JSON, no signing) manages resources and moves the clock,
        for example: curl -X POST <address>/_backupkit/clock/advance -d '{"seconds": 86400}'.
        """;

    public int Port { get; private set; } = 4566;

    public string? DefaultAccountId { get; private set; }

    public Dictionary<string, string> AccountsByAccessKey { get; } = new(StringComparer.Ordinal);

    public bool ShowHelp { get; private set; }

    /// <summary>The seed file of inventory resources to load at start, or null.</summary>
    public string? SeedFile { get; private set; }

    /// <summary>The directory state is kept in across restarts (<c>--state-dir</c>); null keeps it in memory.</summary>
    public string? StateDirectory { get; private set; }

    /// <summary>Parses the arguments; returns an error message instead when they are wrong.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, out string? error)
    {
        var result = new CommandLine();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    result.ShowHelp = true;
                    break;
                case "--port" or "-p":
                    var port = Next();
                    if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 65535)
                    {
                        error = $"--port needs a port number from 0 to 65535, got '{port}'.";
                        return result;
                    }

                    result.Port = value;
                    break;
                case "--account":
                    result.DefaultAccountId = Next();
                    if (result.DefaultAccountId is null)
                    {
                        error = "--account needs a 12-digit account id.";
                        return result;
                    }

                    break;
                case "--access-key":
                    var mapping = Next();
                    var eq = mapping?.IndexOf('=', StringComparison.Ordinal) ?? -1;
                    if (mapping is null || eq <= 0 || eq == mapping.Length - 1)
                    {
                        error = $"--access-key needs <access key id>=<account id>, got '{mapping}'.";
                        return result;
                    }

                    result.AccountsByAccessKey[mapping[..eq]] = mapping[(eq + 1)..];
                    break;
                case "--seed":
                    result.SeedFile = Next();
                    if (result.SeedFile is null)
                    {
                        error = "--seed needs the path of a JSON seed file.";
                        return result;
                    }

                    break;
                case "--state-dir":
                    result.StateDirectory = Next();
                    if (string.IsNullOrWhiteSpace(result.StateDirectory))
                    {
                        error = "--state-dir needs the path of a directory to keep the emulator's state in.";
                        return result;
                    }

                    break;
                default:
                    error = $"Unknown argument '{arg}'. Run with --help to see the options.";
                    return result;
            }
        }

        return result;
    }
}
