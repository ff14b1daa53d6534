using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.IO.Pipelines;
using BackupKit.Local.Auth;
using BackupKit.Local.Protocol;
using BackupKit.Local.Routing;
using BackupKit.Local.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace BackupKit.Local.Hosting;

/// <summary>
/// The emulator's single request delegate: request id, SigV4 header check, signing time against the emulator clock,
/// routing, the body, the signature (only for access keys with a registered secret), injected faults, then the
/// operation.
/// No MVC and no routing middleware: the route table is precomputed and matching does not allocate beyond the labels.
/// </summary>
internal sealed partial class RequestPipeline
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly RouteTable<IOperationEndpoint> _routes;
    private readonly FaultInjector _faults;
    private readonly EmulatorState _state;
    private readonly EmulatorClock _clock;
    private readonly AccountResolver _accounts;
    private readonly ILogger _logger;
    private readonly FrozenDictionary<string, string> _secrets;
    private readonly Admin.AdminEndpoint _admin;

    public RequestPipeline(
        RouteTable<IOperationEndpoint> routes,
        FaultInjector faults,
        EmulatorState state,
        EmulatorClock clock,
        AccountResolver accounts,
        IEnumerable<KeyValuePair<string, string>> secretsByAccessKey,
        Admin.AdminEndpoint admin,
        ILogger logger)
    {
        _admin = admin;
        _routes = routes;
        _faults = faults;
        _state = state;
        _clock = clock;
        _accounts = accounts;
        _logger = logger;
        _secrets = secretsByAccessKey.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var headers = request.Headers;
        var responseHeaders = http.Response.Headers;
        responseHeaders["x-amzn-requestid"] = Guid.NewGuid().ToString("D");
        if (!_clock.IsSystemClock)
        {
            // SDKs correct clock skew from the Date header; it must tell the emulated time.
            responseHeaders.Date = _clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        }

        var rawPath = RawPath(http);
        if (Admin.AdminEndpoint.Handles(rawPath))
        {
            // The emulator's own admin API: plain JSON, no SigV4 (see the README).
            await _admin.HandleAsync(http, rawPath.ToString()).ConfigureAwait(false);
            return;
        }

        var authError = SigV4HeaderCheck.Check(headers.Authorization, headers["X-Amz-Date"], headers.Date, out var caller);
        if (authError is not null)
        {
            await ErrorResponseWriter.WriteAsync(http, authError).ConfigureAwait(false);
            return;
        }

        var timeError = RequestTimeCheck.Check(headers["X-Amz-Date"], headers.Date, _clock.GetUtcNow());
        if (timeError is not null)
        {
            await ErrorResponseWriter.WriteAsync(http, timeError).ConfigureAwait(false);
            return;
        }

        if (!_routes.TryMatch(request.Method, rawPath, request, static (r, key) => r.Query.ContainsKey(key), out var match))
        {
            await ErrorResponseWriter.WriteAsync(
                http,
                ErrorCodes.UnknownOperation,
                404,
                $"No AWS Backup operation matches {request.Method} {rawPath}.").ConfigureAwait(false);
            return;
        }

        var endpoint = match.Target;
        byte[]? rented = null;
        try
        {
            ReadOnlyMemory<byte> body = ReadOnlyMemory<byte>.Empty;
            if (request.ContentLength is not 0 && !HttpMethods.IsGet(request.Method))
            {
                (rented, var length) = await ReadBodyAsync(request.BodyReader, http.RequestAborted).ConfigureAwait(false);
                body = rented.AsMemory(0, length);
            }

            if (_secrets.TryGetValue(caller.AccessKeyId, out var secret)
                && SigV4SignatureVerifier.Verify(request, secret, body.Span) is { } signatureError)
            {
                await ErrorResponseWriter.WriteAsync(http, signatureError).ConfigureAwait(false);
                return;
            }

            var fault = _faults.OnRequest(endpoint.Name);
            if (fault.Delay > TimeSpan.Zero)
            {
                // Injected latency is wall-clock time: it simulates the network, not the emulated clock.
                await Task.Delay(fault.Delay, http.RequestAborted).ConfigureAwait(false);
            }

            if (fault.Outcome is { Kind: FaultKind.Error } error)
            {
                await ErrorResponseWriter.WriteAsync(http, error.ErrorCode!, error.StatusCode, error.Message!, retryAfter: error.RetryAfter).ConfigureAwait(false);
                return;
            }

            if (_accounts.Resolve(caller.AccessKeyId) is not { } accountId)
            {
                await ErrorResponseWriter.WriteAsync(
                    http,
                    "UnrecognizedClientException",
                    403,
                    $"The security token included in the request is invalid: BackupKit.Local opens at most {AccountResolver.MaxImplicitAccounts} accounts from unmapped 12-digit access keys; map '{caller.AccessKeyId}' in AccountsByAccessKey.").ConfigureAwait(false);
                return;
            }

            var call = new CallContext(accountId, caller.Region, _state.For(accountId, caller.Region), _state, _clock);
            var parts = new ServerRequestParts(match.LabelNames, match.LabelValues, body);
            await endpoint.ExecuteAsync(http, call, parts, fault.Outcome is { Kind: FaultKind.DropAfterCommit }).ConfigureAwait(false);
        }
        catch (BackupApiError apiError)
        {
            await ErrorResponseWriter.WriteAsync(http, apiError).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing to answer.
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            LogUnhandled(_logger, endpoint.Name, ex);
            await ErrorResponseWriter.WriteAsync(
                http,
                ErrorCodes.InternalFailure,
                500,
                $"BackupKit.Local failed while handling {endpoint.Name}: {ex.Message}").ConfigureAwait(false);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static ReadOnlySpan<char> RawPath(HttpContext http)
    {
        // The raw target keeps percent-encoding intact (Kestrel's decoded Path would turn %2F into '/').
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return (http.Request.PathBase + http.Request.Path).ToString();
        }

        var question = raw.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? raw : raw.AsSpan(0, question);
    }

    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > MaxBodyBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw new BackupApiError(ErrorCodes.Serialization, 400, $"The request body is larger than {MaxBodyBytes} bytes.");
            }

            if (result.IsCompleted)
            {
                var length = (int)buffer.Length;
                var array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                buffer.CopyTo(array);
                reader.AdvanceTo(buffer.End);
                return (array, length);
            }

            // Nothing consumed yet: ask for more data on top of what is buffered.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "BackupKit.Local failed while handling {Operation}.")]
    private static partial void LogUnhandled(ILogger logger, string operation, Exception exception);
}
