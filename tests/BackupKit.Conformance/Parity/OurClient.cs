using System.Reflection;
using Amazon.Runtime;
using BackupKit.Conformance.Infrastructure;
using BackupKit.Local.Protocol;
using BackupKit.Wire;

namespace BackupKit.Conformance.Parity;

/// <summary>Binds a captured request into BackupKit's typed input and sends that input through <see cref="BackupClient"/>.</summary>
internal static class OurClient
{
    /// <summary>Server-side binding, as the emulator does it: labels, query and body into the operation's input shape.</summary>
    public static object ReadInput(ServerBinding binding, CapturedRequest request, IReadOnlyDictionary<string, string> labels)
    {
        var query = request.QueryPairs
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Value).ToList(), StringComparer.Ordinal);
        var serverRequest = new ServerRequest(labels, name => query.TryGetValue(name, out var values) ? values : null, request.Body);
        var readInput = binding.GetType().GetMethod(nameof(ServerBinding<object, object>.ReadInput), [typeof(ServerRequest)])
            ?? throw new InvalidOperationException($"{binding.Name}'s binding has no ReadInput(ServerRequest).");
        return Invoke(readInput, binding, [serverRequest])!;
    }

    /// <summary>Sends the input through a <see cref="BackupClient"/> pointed at <paramref name="endpoint"/> with the test credentials.</summary>
    public static async Task SendAsync(ServerBinding binding, object input, Uri endpoint)
    {
        using var client = new BackupClient(
            endpoint, TestCredentials.Region, new BasicAWSCredentials(TestCredentials.AccessKeyId, TestCredentials.SecretAccessKey));
        var methodName = binding.Name + "Async";
        var method = typeof(IBackupClient).GetMethods().SingleOrDefault(m => m.Name == methodName)
            ?? throw new InvalidOperationException($"IBackupClient has no {methodName}.");
        object?[] arguments = method.GetParameters().Length == 1
            ? [CancellationToken.None]
            : [input, CancellationToken.None];
        var task = (Task)Invoke(method, client, arguments)!;
        await task;
    }

    private static object? Invoke(MethodInfo method, object target, object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
