using BackupKit.Samples.RestoreDrill;

// Protects DynamoDB tables and an RDS instance with a posture, lets a day of backups and copies run on the embedded
// emulator's clock, then runs a restore drill from the disaster-recovery copies: restore, validate, measure, clean up,
// and write the evidence as JSON, Markdown and JUnit XML. No AWS account needed.
return await RestoreDrillDemo.RunAsync(Console.Out, Path.Combine(Environment.CurrentDirectory, "restore-drill-reports"));
