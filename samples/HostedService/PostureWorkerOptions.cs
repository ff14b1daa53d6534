using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace BackupKit.Samples.HostedService;

/// <summary>The worker's settings: section <c>PostureWorker</c> of appsettings.json, and <c>--once</c> on the command line.</summary>
public sealed class PostureWorkerOptions
{
    /// <summary>How often drift is checked after the first apply. Between one minute and one day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan DriftCheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Apply, report drift once and stop the host (the command line's <c>--once</c>).</summary>
    public bool Once { get; set; }

    /// <summary>Run against an AWS Backup emulator inside the process instead of AWS (no account needed).</summary>
    public bool UseEmbeddedEmulator { get; set; }
}

/// <summary>Validates <see cref="PostureWorkerOptions"/> from its data annotations, generated at compile time (no reflection).</summary>
[OptionsValidator]
public sealed partial class PostureWorkerOptionsValidator : IValidateOptions<PostureWorkerOptions>;
