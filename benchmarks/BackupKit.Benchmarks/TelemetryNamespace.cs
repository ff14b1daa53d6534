// The telemetry types (BackupKitTelemetry, BackupKitMetrics, Log) are moving from BackupKit.Hosting to
// BackupKit.Telemetry. Declaring the namespace here lets ClientAllocationBreakdown import both and compile on either side
// of that move; once it is merged, this file and the BackupKit.Hosting import there can go.
namespace BackupKit.Telemetry
{
}
