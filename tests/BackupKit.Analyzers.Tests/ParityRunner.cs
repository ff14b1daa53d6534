using System.Reflection;
using System.Runtime.Loader;
using BackupKit.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BackupKit.Analyzers.Tests;

/// <summary>Compiles a test source that declares <c>Declaration.Declare()</c> and runs it against the real BackupKit.</summary>
internal static class ParityRunner
{
    public static object? RunDeclaration(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Parity" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source)],
            BackupKitReferences.ForConsumer(),
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
                return declare.Invoke(null, null);
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
