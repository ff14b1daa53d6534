using BackupKit.Wire;
using Microsoft.Extensions.Options;

namespace BackupKit.Hosting;

/// <summary>Validates <see cref="BackupKitOptions"/> at start-up with the same rules the client applies, every broken rule listed.</summary>
internal sealed class BackupKitOptionsValidator : IValidateOptions<BackupKitOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Client is null)
        {
            return ValidateOptionsResult.Fail("BackupKitOptions.Client is null; leave it at its default or set a BackupClientOptions instance.");
        }

        var failures = new List<string>();
        BackupClientOptionsValidation.Validate(options.Client, "BackupKitOptions.Client", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
