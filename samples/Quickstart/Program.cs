using BackupKit.Samples.Quickstart;

// Declares an AWS Backup posture in C#, validates it, and applies it twice to the embedded AWS Backup emulator:
// the second apply finds nothing to do. No AWS account needed.
return await QuickstartDemo.RunAsync(Console.Out);
