using BackupKit.Samples.HostedService;

// Applies the posture of SamplePosture to the Regions of appsettings.json and reports drift every
// PostureWorker:DriftCheckInterval; `--once` applies, reports once and exits. Runs against an embedded emulator.
var worker = await HostedServiceSample.RunAsync(args);
return worker.DriftChecks > 0 ? 0 : 1;
