using Amazon.Runtime;
using BackupKit.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BackupKit.Samples.HostedService;

/// <summary>The sample's host, as a method its test can run too.</summary>
public static class HostedServiceSample
{
    /// <summary>Builds and runs the host until it is stopped (Ctrl+C) or, with <c>--once</c>, after one drift report.</summary>
    /// <param name="args">Command-line arguments: <c>--once</c>, or any configuration key such as <c>--PostureWorker:DriftCheckInterval=00:05:00</c>.</param>
    /// <param name="configure">Lets a test add services or settings before the host is built.</param>
    /// <param name="cancellationToken">Stops the host.</param>
    /// <returns>The worker, to read what it did.</returns>
    public static async Task<PostureWorker> RunAsync(string[] args, Action<HostApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        // appsettings.json is copied beside the program, wherever it is started from.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args.Where(a => a != "--once").ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (args.Contains("--once"))
        {
            builder.Configuration["PostureWorker:Once"] = "true";
        }

        builder.Services.AddOptions<PostureWorkerOptions>().BindConfiguration("PostureWorker").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PostureWorkerOptions>, PostureWorkerOptionsValidator>();

        // BackupKit:Client (shared settings), BackupKit:Apply and one BackupKit:Clients:{Region} per Region.
        var backupKit = builder.Services.AddBackupKit(builder.Configuration);

        BackupEmulator? emulator = null;
        if (builder.Configuration.GetValue<bool>("PostureWorker:UseEmbeddedEmulator"))
        {
            // No AWS account: the emulator on loopback, any credentials. Against AWS, leave this out and the AWS
            // credential chain applies (or set AWS_ENDPOINT_URL_BACKUP to point at another emulator).
            emulator = await BackupEmulator.StartAsync(cancellationToken: cancellationToken);
            backupKit.Configure(o =>
            {
                o.Client.ServiceUrl = emulator.Endpoint;
                o.Client.Credentials = new BasicAWSCredentials("AKIDBACKUPKITSAMPLE", "sample-secret");
            });
        }

        builder.Services.AddSingleton<PostureWorker>();
        builder.Services.AddHostedService(static provider => provider.GetRequiredService<PostureWorker>());
        configure?.Invoke(builder);

        try
        {
            using var host = builder.Build();
            var worker = host.Services.GetRequiredService<PostureWorker>();
            await host.RunAsync(cancellationToken); // disposes the host when it stops
            return worker;
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }
    }
}
