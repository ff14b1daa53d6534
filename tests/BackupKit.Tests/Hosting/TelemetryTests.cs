using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BackupKit.Local;
using BackupKit.Telemetry;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace BackupKit.Tests.Hosting;

/// <summary>Activities and metrics of the <c>BackupKit</c> source and meter, through a host's container.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task EachCall_IsAClientActivity_WithOperationAttemptsRequestIdAndErrorCode()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var activities = new ConcurrentQueue<Activity>();
        using var root = new Activity("telemetry-test-root").Start();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BackupKitTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == root.TraceId)
                {
                    activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = TestCredentials.CreateClient(emulator.Endpoint);

        emulator.Faults.Throttle("ListBackupPlans", times: 1);
        await client.ListBackupPlansAsync(new ListBackupPlansInput());
        emulator.Faults.Error("CreateBackupPlan", "LimitExceededException", 400);
        await Assert.ThrowsAsync<LimitExceededException>(() => client.CreateBackupPlanAsync(new CreateBackupPlanInput
        {
            BackupPlan = new BackupPlanInput { BackupPlanName = "t", Rules = [new BackupRuleInput { RuleName = "r", TargetBackupVaultName = "Default" }] },
        }));

        var list = Assert.Single(activities, a => a.OperationName == "Backup.ListBackupPlans");
        Assert.Equal(ActivityKind.Client, list.Kind);
        Assert.Equal("ListBackupPlans", list.GetTagItem("rpc.method"));
        Assert.Equal("aws-api", list.GetTagItem("rpc.system"));
        Assert.Equal(2, list.GetTagItem("backupkit.attempts"));
        Assert.Equal(200, list.GetTagItem("http.response.status_code"));
        Assert.False(string.IsNullOrEmpty(list.GetTagItem("aws.request_id") as string));
        Assert.Equal(TestCredentials.Region, list.GetTagItem("cloud.region"));
        Assert.Equal(ActivityStatusCode.Unset, list.Status);

        var create = Assert.Single(activities, a => a.OperationName == "Backup.CreateBackupPlan");
        Assert.Equal("LimitExceededException", create.GetTagItem("error.type"));
        Assert.Equal(1, create.GetTagItem("backupkit.attempts"));
        Assert.Equal(ActivityStatusCode.Error, create.Status);
    }

    [Fact]
    public async Task Metrics_CountCallsRetriesAndErrors_AndRecordDurationInSeconds()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IMeterFactory, TestMeterFactory>();
        services.AddBackupKit(o =>
        {
            o.Client.ServiceUrl = emulator.Endpoint;
            o.Client.Region = TestCredentials.Region;
            o.Client.Credentials = TestCredentials.Basic;
            o.Client.Resilience = TestCredentials.FastResilience();
        });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags, string? Unit)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BackupKitTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags), i.Unit)));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags), i.Unit)));
        listener.Start();
        var client = provider.GetRequiredService<IBackupClient>();

        emulator.Faults.ServerError("ListBackupVaults", times: 2);
        await client.ListBackupVaultsAsync(new ListBackupVaultsInput());
        emulator.Faults.Error("ListBackupVaults", "InvalidParameterValueException", 400);
        await Assert.ThrowsAsync<InvalidParameterValueException>(() => client.ListBackupVaultsAsync(new ListBackupVaultsInput()));

        var calls = measurements.Where(m => m.Instrument == BackupKitTelemetry.CallsInstrument).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Contains(calls, m => (string?)m.Tags["outcome"] == "success" && (string?)m.Tags["rpc.method"] == "ListBackupVaults");
        Assert.Contains(calls, m => (string?)m.Tags["outcome"] == "failure");
        var retries = measurements.Where(m => m.Instrument == BackupKitTelemetry.RetriesInstrument).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, m => Assert.Equal("transient", m.Tags["backupkit.retry.reason"]));
        var error = Assert.Single(measurements, m => m.Instrument == BackupKitTelemetry.ErrorsInstrument);
        Assert.Equal("InvalidParameterValueException", error.Tags["error.type"]);
        var durations = measurements.Where(m => m.Instrument == BackupKitTelemetry.DurationInstrument).ToList();
        Assert.Equal(2, durations.Count);
        Assert.All(durations, m => Assert.Equal("s", m.Unit));
        Assert.All(durations, m => Assert.InRange(m.Value, 0, 10)); // seconds, not milliseconds
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            result[key] = value;
        }

        return result;
    }
}
