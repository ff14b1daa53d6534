using System.Reflection;
using System.Text.Json;
using BackupKit.Local;
using BackupKit.Wire;

namespace BackupKit.Tests.Surface;

/// <summary>
/// The BackupKit package ships the client, not the emulator. Server-side code is what only a server of the AWS Backup
/// API runs: binding a request's path, query and body into an input shape (<c>ServerRequest</c>, <c>ReadInput</c>),
/// checking a request against the model's constraints (<c>ModelValidationErrors</c>, <c>Validate</c>), writing an
/// output shape as a response (<c>WriteOutput</c>), and the bindings the emulator routes with. That code is generated
/// into BackupKit.Local, internal there. The wire runtime both halves share (JSON readers and writers, request writer,
/// bindings, formats) is internal to each assembly, so neither exports a protocol type.
/// </summary>
public sealed class ServerSideSurfaceTests
{
    private static readonly Assembly Library = typeof(IBackupClient).Assembly;
    private static readonly Assembly Emulator = typeof(BackupEmulator).Assembly;

    /// <summary>Names of the protocol runtime and of server-side code, whatever their namespace.</summary>
    private static readonly HashSet<string> ProtocolTypeNames = new(StringComparer.Ordinal)
    {
        "ServerRequest", "ServerBinding", "ServerOperations", "ServerJson", "ServerWireNames", "ServerValidation",
        "ModelValidationErrors", "ModelValidationError", "ModelValidationErrorKind",
        "OperationBinding", "BackupOperations", "RequestWriter", "WireJson", "WireNames", "WireValidation",
        "WireFormat", "WireFormatException", "EmptyOutput",
    };

    /// <summary>Members only a server has: it reads requests, writes responses and validates inputs.</summary>
    private static readonly HashSet<string> ServerMemberNames = new(StringComparer.Ordinal) { "ReadInput", "WriteOutput" };

    [Fact]
    public void BackupKit_exports_no_protocol_or_server_side_type()
    {
        var offending = Library.GetExportedTypes()
            .Where(t => IsProtocolNamespace(t.Namespace)
                || ProtocolTypeNames.Contains(BaseName(t))
                || IsWireNamespace(t.Namespace) && (BaseName(t).EndsWith("Reader", StringComparison.Ordinal)
                    || BaseName(t).EndsWith("Writer", StringComparison.Ordinal)
                    || BaseName(t).EndsWith("Binding", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(offending.Count == 0, "BackupKit exports protocol or server-side types: " + string.Join(", ", offending));
    }

    [Fact]
    public void No_public_BackupKit_member_reads_or_writes_wire_JSON()
    {
        // A public member over Utf8JsonReader or Utf8JsonWriter is a wire reader or writer, which users never call:
        // the client reads and writes the wire for them.
        var offending = (
            from type in Library.GetExportedTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            where method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly
            where method.GetParameters().Any(p => IsJsonReaderOrWriter(p.ParameterType)) || IsJsonReaderOrWriter(method.ReturnType)
            select $"{type.FullName}.{method.Name}").ToList();

        Assert.True(offending.Count == 0, "Public BackupKit members read or write wire JSON: " + string.Join(", ", offending));
    }

    [Fact]
    public void The_server_half_lives_only_in_BackupKit_Local_and_is_internal_there()
    {
        // Not even internally: the library carries no request binding, response writing or request validation.
        var inLibrary = Library.GetTypes()
            .Where(t => t.Name.StartsWith("Server", StringComparison.Ordinal) && t.Namespace?.StartsWith("BackupKit.Wire", StringComparison.Ordinal) == true
                || t.Name is "ServerRequest" or "ModelValidationErrors" or "WireValidation" or "ServerValidation"
                || t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Any(m => ServerMemberNames.Contains(m.Name)))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(inLibrary.Count == 0, "Server-side code is back in BackupKit: " + string.Join(", ", inLibrary));

        // The emulator does have it (so the checks above look for names that exist), and does not export it.
        var serverOperations = Emulator.GetType("BackupKit.Local.Protocol.ServerOperations", throwOnError: true)!;
        Assert.False(serverOperations.IsVisible);
        Assert.NotNull(Emulator.GetType("BackupKit.Local.Protocol.ServerRequest", throwOnError: true));
        Assert.Contains(Emulator.GetTypes(), t => t.GetMethods().Any(m => m.Name == "ReadInput"));

        var exported = Emulator.GetExportedTypes()
            .Where(t => IsProtocolNamespace(t.Namespace) || ProtocolTypeNames.Contains(BaseName(t)))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(exported.Count == 0, "BackupKit.Local exports protocol types: " + string.Join(", ", exported));
    }

    [Fact]
    public void The_shapes_users_call_with_stay_public()
    {
        // The public half of the generated code: the client, its shapes, enums, errors and paginators.
        Assert.True(typeof(IBackupClient).IsPublic);
        Assert.True(typeof(BackupClient).IsPublic);
        Assert.True(typeof(CreateBackupPlanInput).IsPublic);
        Assert.True(typeof(GetBackupPlanOutput).IsPublic);
        Assert.True(typeof(BackupVaultEvent).IsPublic);
        Assert.True(typeof(ResourceNotFoundException).IsPublic);
        Assert.True(typeof(BackupClientPaginationExtensions).IsPublic);
    }

    // Wire readers and writers; a report writer elsewhere (Verification.Reporting) is a user type.
    private static bool IsWireNamespace(string? ns) =>
        ns is not null && (ns == "BackupKit.Wire" || ns.StartsWith("BackupKit.Wire.", StringComparison.Ordinal));

    private static bool IsProtocolNamespace(string? ns) =>
        ns is not null && (ns.EndsWith(".Protocol", StringComparison.Ordinal) || ns.Contains(".Protocol.", StringComparison.Ordinal));

    private static string BaseName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    private static bool IsJsonReaderOrWriter(Type type)
    {
        var t = type.IsByRef ? type.GetElementType()! : type;
        return t == typeof(Utf8JsonReader) || t == typeof(Utf8JsonWriter);
    }
}
