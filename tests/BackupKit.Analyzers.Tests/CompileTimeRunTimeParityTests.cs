extern alias runtime;

using System.Reflection;
using System.Runtime.Loader;
using BackupKit.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuntimeValidationException = runtime::BackupKit.Building.BackupPostureValidationException;

namespace BackupKit.Analyzers.Tests;

/// <summary>
/// Compile time and run time never disagree: one posture source is analyzed, then compiled and run, and the
/// analyzers' errors are exactly the violations <c>Build()</c> throws (same ids, same messages).
/// </summary>
public sealed class CompileTimeRunTimeParityTests
{
    private const string Source = /* lang=c#-test */ """
        using System;
        using BackupKit.Building;
        using BackupKit.Model;

        public static class Declaration
        {
            public static BackupPosture Declare() => BackupPosture.Create()
                .AddVault("prod", v => v.Lock(l => l.Compliance(Retention.Days(1), ComplianceLock.IrreversibleAfterCoolingOff)))
                .AddVault("prod.archive", v => v.Lock(VaultLock.Governance(Retention.Days(30), Retention.Days(7))))
                .AddVault("prod", v => v.Lock(VaultLock.Governance()))
                .AddVault("bounded", v => v.Lock(l => l.Governance().MinRetention(Retention.Days(7)).MaxRetention(Retention.Days(30))))
                .AddPlan("daily plan", p => p
                    .AddRule("daily", r => r
                        .InVault("prod")
                        .Cron("cron(0 5 * * * *)")
                        .InTimeZone("Pacific Standard Time")
                        .StartWithin(TimeSpan.FromMinutes(30))
                        .MoveToColdStorageAfter(Retention.Days(30))
                        .DeleteAfter(Retention.Days(100)))
                    .AddRule("pitr", r => r.InVault("prod").EnableContinuousBackup().DeleteAfter(Retention.Days(60)))
                    .AddRule("windows", r => r
                        .InVault("missing")
                        .StartWithin(TimeSpan.FromHours(2))
                        .CompleteWithin(TimeSpan.FromHours(1))
                        .DeleteAfter(Retention.Days(35)))
                    .AddRule("daily", r => r.InVault("prod").DeleteAfter(Retention.Days(35)))
                    .AddRule("too-long", r => r.InVault("bounded").DeleteAfter(Retention.Days(60)))
                    .AddRule("too-short", r => r.InVault("bounded").DeleteAfter(Retention.Days(3)))
                    .AddRule("forever", r => r.InVault("bounded").KeepForever())
                    .AddRule("fits", r => r.InVault("bounded").DeleteAfter(Retention.Days(14)))
                    .Select("all", s => s.WithRole("AWSBackupDefaultServiceRole").AllResources()))
                .AddRestoreTestingPlan("weekly-test", t => t
                    .Weekly(DayOfWeek.Saturday)
                    .FromAllVaults()
                    .StartWithin(TimeSpan.FromMinutes(90))
                    .Test("volumes", "ebs", s => s.AllProtectedResources().WithRole("restore-role").ValidateWithin(TimeSpan.FromDays(8))))
                .Build();
        }
        """;

    [Fact]
    public async Task AnalyzerErrors_AreTheViolationsBuildThrows()
    {
        var diagnostics = await WorkspaceAnalyzerRunner.RunAsync(AnalyzerCatalog.All, Source);
        var compileTime = diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)
            .ToList();

        var exception = Assert.Throws<RuntimeValidationException>(RunDeclaration);
        var runTime = exception.Violations
            .Select(v => $"{v.RuleId}: {v.Message}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(compileTime.Count >= 20, "The sample should exercise many rules:\n" + string.Join('\n', compileTime));
        Assert.Equal(runTime, compileTime);
    }

    private static void RunDeclaration()
    {
        var compilation = CSharpCompilation.Create(
            "Parity" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(Source)],
            [.. BackupKitReferences.Framework, BackupKitReferences.BackupKit],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));

        // The default context already holds the BackupKit assembly the analyzers were shown, so the run uses the same one.
        var context = new AssemblyLoadContext("parity", isCollectible: true);
        try
        {
            image.Position = 0;
            var declare = context.LoadFromStream(image).GetType("Declaration")!.GetMethod("Declare")!;
            try
            {
                declare.Invoke(null, null);
            }
            catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
            {
                throw invocation.InnerException;
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
