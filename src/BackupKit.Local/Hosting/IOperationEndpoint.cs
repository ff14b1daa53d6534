using Microsoft.AspNetCore.Http;

namespace BackupKit.Local.Hosting;

/// <summary>One operation of the model as the emulator serves it, once routing matched it and the caller is authenticated.</summary>
internal interface IOperationEndpoint
{
    /// <summary>The model's operation name.</summary>
    string Name { get; }

    /// <summary>Handles the request and writes the answer, unless <paramref name="dropAfterCommit"/> asks to abort the connection instead.</summary>
    Task ExecuteAsync(HttpContext http, CallContext call, ServerRequestParts request, bool dropAfterCommit);
}
