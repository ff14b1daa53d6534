using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Amazon.Runtime;
using BackupKit.Resilience;
using BackupKit.Telemetry;
using BackupKit.Wire.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BackupKit.Wire;

/// <summary>
/// The AWS Backup client: restJson1 over one pooled <see cref="SocketsHttpHandler"/>, SigV4-signed with AWSSDK.Core credentials,
/// retried by one resilience pipeline (AWS standard retry mode). Thread-safe; create one per endpoint and reuse it
/// (<c>services.AddBackupKit(...)</c> registers it as a singleton).
/// </summary>
/// <remarks>
/// Calls throw <see cref="BackupServiceException"/> (or a modelled subclass, or <see cref="ThrottlingException"/>) when
/// AWS answers with an error; <see cref="BackupResponseException"/> when a success answer cannot be read;
/// <see cref="TimeoutException"/> when <see cref="BackupResilienceOptions.TotalTimeout"/> or the last attempt's
/// <see cref="BackupResilienceOptions.AttemptTimeout"/> runs out; <see cref="Polly.CircuitBreaker.BrokenCircuitException"/>
/// while the endpoint's circuit is open; and the transport's exception when no answer came back after the last attempt.
/// </remarks>
public sealed partial class BackupClient : IDisposable, IBackupServiceClock
{
    private const string ServiceName = "backup";
    private const string JsonMediaType = "application/json";
    private const int InitialBodyBuffer = 4096;
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    // Signed headers, sorted, for each combination of body and session token (the set the AWS SDK for JavaScript v3 signs).
    private const string SignedHeadersBare = "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent";
    private const string SignedHeadersToken = "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-user-agent";
    private const string SignedHeadersBody = "amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent";
    private const string SignedHeadersBodyToken = "amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-user-agent";

    /// <summary>The <c>x-amz-user-agent</c> value (signed).</summary>
    internal static readonly string SdkUserAgent = "backupkit/" + (typeof(BackupClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    /// <summary>The <c>User-Agent</c> value (not signed).</summary>
    internal static readonly string FullUserAgent = $"{SdkUserAgent} lang/dotnet#{Environment.Version} os/{Environment.OSVersion.Platform}";
    private static readonly MediaTypeHeaderValue JsonContentType = new(JsonMediaType);

    [ThreadStatic]
    private static KeyValuePair<string, string>[]? t_signedHeaders;

    private readonly HttpMessageInvoker _http;
    private readonly SigV4Signer _signer;
    private readonly CredentialSource _credentials;
    private readonly BackupResiliencePipeline _resilience;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly BackupKitMetrics _metrics;
    private readonly string _authority;
    private readonly string _basePath;
    private readonly string _host;
    private readonly string[] _sdkRequestValues;
    private long _clockOffsetTicks;
    private long _serviceTimeOffsetTicks;
    private int _serviceTimeKnown;
    private int _disposed;

    /// <summary>Creates a client from options; no logging, system clock.</summary>
    /// <param name="options">Region, endpoint, credentials and resilience settings.</param>
    /// <exception cref="ArgumentException">The options break a rule; the message lists every broken rule.</exception>
    /// <exception cref="InvalidOperationException">No Region is set and none is found in the environment or shared config.</exception>
    public BackupClient(BackupClientOptions options)
        : this(options, null, null)
    {
    }

    /// <summary>Creates a client for a custom endpoint (for example BackupKit.Local) with fixed credentials and default resilience.</summary>
    /// <param name="serviceUrl">The endpoint, for example <c>http://127.0.0.1:4566</c>.</param>
    /// <param name="region">The Region to sign for, for example <c>us-east-1</c>.</param>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <exception cref="ArgumentException">An argument breaks a rule of <see cref="BackupClientOptions"/>.</exception>
    public BackupClient(Uri serviceUrl, string region, AWSCredentials credentials)
        : this(new BackupClientOptions
        {
            ServiceUrl = serviceUrl ?? throw new ArgumentNullException(nameof(serviceUrl)),
            Region = region ?? throw new ArgumentNullException(nameof(region)),
            Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials)),
        })
    {
    }

    /// <summary>Creates a client from options with logging, a clock and metrics.</summary>
    /// <param name="options">Region, endpoint, credentials and resilience settings.</param>
    /// <param name="loggerFactory">Where to log; null for no logging.</param>
    /// <param name="timeProvider">The clock for signing dates, backoff delays and timeouts; null for the system clock.</param>
    /// <param name="meterFactory">Creates the <c>BackupKit</c> meter; null for one process-wide meter.</param>
    /// <exception cref="ArgumentException">The options break a rule; the message lists every broken rule.</exception>
    /// <exception cref="InvalidOperationException">No Region is set and none is found in the environment or shared config.</exception>
    public BackupClient(BackupClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, IMeterFactory? meterFactory = null)
        : this(options, loggerFactory, timeProvider, RetryQuotaRegistry.Shared, meterFactory)
    {
    }

    internal BackupClient(
        BackupClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, RetryQuotaRegistry quotas, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        BackupClientOptionsValidation.Validate(options, nameof(BackupClientOptions), failures);
        if (failures.Count > 0)
        {
            throw new ArgumentException("The BackupClientOptions are not valid:" + Environment.NewLine + string.Join(Environment.NewLine, failures), nameof(options));
        }

        Region = options.Region ?? FallbackRegionFactory.GetRegionEndpoint()?.SystemName ?? throw new InvalidOperationException(
            "No AWS Region is configured for BackupKit. Set BackupClientOptions.Region (for example \"us-east-1\"), " +
            "or the AWS_REGION environment variable, or a region in the shared config file's profile.");
        // Like the AWS SDKs: an endpoint set in code, else AWS_ENDPOINT_URL_BACKUP, else AWS_ENDPOINT_URL.
        var serviceUrl = options.ServiceUrl ?? ConfiguredEndpoint.Find(Environment.GetEnvironmentVariable);
        Endpoint = BackupEndpointResolver.Resolve(Region, options.UseFips, options.UseDualStack, serviceUrl);

        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory?.CreateLogger<BackupClient>() ?? (ILogger)NullLogger.Instance;
        _metrics = BackupKitMetrics.For(meterFactory);
        _credentials = new CredentialSource(options);
        _signer = new SigV4Signer(Region, ServiceName);
        _authority = Endpoint.GetLeftPart(UriPartial.Authority);
        _basePath = Endpoint.AbsolutePath.TrimEnd('/');
        _host = HostHeaderOf(Endpoint);

        var resilience = options.Resilience;
        _sdkRequestValues = new string[resilience.MaxAttempts];
        for (var i = 0; i < _sdkRequestValues.Length; i++)
        {
            _sdkRequestValues[i] = $"attempt={i + 1}; max={resilience.MaxAttempts}";
        }

        var circuit = resilience.CircuitBreakerEnabled
            ? quotas.Circuits.Get(_authority, Region, () => new EndpointCircuit(resilience, _timeProvider, _logger, _authority))
            : null;
        _resilience = new BackupResiliencePipeline(
            resilience, quotas.Get(Endpoint, resilience.RetryQuotaCapacity), circuit, _timeProvider, _logger, _metrics, _authority);

        _http = new HttpMessageInvoker(CreateHandler(), disposeHandler: true);

        Log.ClientCreated(_logger, Region, _authority + _basePath, _credentials.Description);
    }

    /// <summary>
    /// The handler every client sends with. Ours is the only retry layer: the handler neither retries nor redirects
    /// nor times out on its own (timeouts belong to the pipeline, so they are classified and counted like every other
    /// failure). The client calls it through a bare <see cref="HttpMessageInvoker"/>: <see cref="HttpClient"/> would add
    /// only its own timeout (which must stay off) and, per call, a linked token source and one more async state machine.
    /// The handler keeps what matters: connection pooling, distributed tracing and the <c>System.Net.Http</c> metrics.
    /// </summary>
    internal static SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    };

    /// <summary>An <see cref="HttpClient"/> over the same handler settings, for benchmarks that compare with a bare HttpClient.</summary>
    internal static HttpClient CreateHttpClient() => new(CreateHandler(), disposeHandler: true)
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    /// <summary>The AWS Region requests are signed for.</summary>
    public string Region { get; }

    /// <summary>
    /// The <c>Host</c> value that is signed: exactly what the handler writes from the request URI (IPv6
    /// literals in brackets, the port unless it is the scheme's default), so the header need not be set on each request.
    /// </summary>
    internal static string HostHeaderOf(Uri endpoint)
    {
        var host = endpoint.HostNameType == UriHostNameType.IPv6 ? $"[{endpoint.IdnHost}]" : endpoint.IdnHost;
        return endpoint.IsDefaultPort ? host : $"{host}:{endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>The endpoint requests are sent to.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc/>
    public DateTimeOffset? GetServiceTime() =>
        Volatile.Read(ref _serviceTimeKnown) == 0 ? null : _timeProvider.GetUtcNow().AddTicks(Volatile.Read(ref _serviceTimeOffsetTicks));

    /// <summary>Closes pooled connections. Calls in flight fail; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _http.Dispose();
        }
    }

    /// <summary>
    /// Runs one logical call: writes the request once (so an idempotency token is the same on every attempt), then
    /// sends, signs and reads it inside the resilience pipeline, and turns the final outcome into the output or an exception.
    /// </summary>
    internal Task<TOutput> InvokeAsync<TInput, TOutput>(OperationBinding<TInput, TOutput> operation, TInput input, CancellationToken cancellationToken)
        where TInput : class
        where TOutput : class =>
        InvokeCoreAsync(operation, input, cancellationToken).AsTask();

    // The state machines of a call are pooled: a call that completes allocates no async box of its own, only the Task
    // that AsTask hands to the caller (smaller than the box an async Task method would allocate with all these locals).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TOutput> InvokeCoreAsync<TInput, TOutput>(OperationBinding<TInput, TOutput> operation, TInput input, CancellationToken cancellationToken)
        where TInput : class
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        var call = CreateCall(operation, input);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            // The path string is cut from the request URI only for this log line.
            Log.CallStarting(_logger, operation.Name, operation.HttpMethod, call.Path);
        }

        var started = _timeProvider.GetTimestamp();
        var activity = BackupKitTelemetry.ActivitySource.HasListeners() ? StartActivity(operation.Name) : null;
        var context = ResilienceContextPool.Shared.Get(operation.Name, cancellationToken);
        AttemptResult? result = null;
        try
        {
            context.Properties.Set(BackupResiliencePipeline.CallKey, call);
            call.StartedAt = started;

            // The circuit breaker sees the logical call: while it is closed the call runs first and its final outcome
            // is recorded; otherwise the call runs inside it (refused at once while open, one trial while half-open).
            Outcome<AttemptResult> outcome;
            var circuit = _resilience.Circuit;
            if (circuit is null || circuit.IsClosed)
            {
                outcome = await RunCallAsync(context, call).ConfigureAwait(false);
                if (circuit is not null)
                {
                    outcome = await circuit.RecordAsync(context, outcome).ConfigureAwait(false);
                }
            }
            else
            {
                outcome = await circuit.Pipeline.ExecuteOutcomeAsync(
                    static (ctx, state) => state.Client.RunCallAsync(ctx, state), context, call).ConfigureAwait(false);
            }

            result = outcome.Result;
            var elapsed = _timeProvider.GetElapsedTime(started);

            if (outcome.Exception is null && result is { Kind: AttemptResultKind.Success })
            {
                _resilience.OnCallSucceeded(call);
                Log.CallSucceeded(_logger, operation.Name, result.StatusCode, elapsed.TotalMilliseconds, call.Attempts, result.RequestId);
                _metrics.RecordCall(operation.Name, elapsed.TotalSeconds, null);
                CompleteActivity(activity, call, result.StatusCode, result.RequestId, null);
                return (TOutput)result.Output!;
            }

            var error = ToException(operation.Name, call.Attempts, outcome.Exception, result, call.AttemptTimeoutError, cancellationToken);
            var errorType = (error as BackupServiceException)?.ErrorCode ?? error.GetType().Name;
            if (error is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                Log.CallCancelled(_logger, operation.Name, elapsed.TotalMilliseconds, call.Attempts);
            }
            else if (result is not null && error is ResourceNotFoundException && IsLookup(operation.Name))
            {
                // "Not found" is an answer to a look-up (does this vault have a policy?), not a failure: callers decide.
                Log.LookupFoundNothing(_logger, operation.Name, result.StatusCode, elapsed.TotalMilliseconds, result.RequestId);
            }
            else if (result is not null)
            {
                Log.CallFailed(_logger, operation.Name, errorType, result.StatusCode, elapsed.TotalMilliseconds, call.Attempts, result.RequestId);
            }
            else
            {
                Log.CallFaulted(_logger, error, operation.Name, errorType, elapsed.TotalMilliseconds, call.Attempts);
            }

            _metrics.RecordCall(operation.Name, elapsed.TotalSeconds, errorType);
            CompleteActivity(activity, call, result?.StatusCode, result?.RequestId, errorType);
            if (ReferenceEquals(error, outcome.Exception))
            {
                ExceptionDispatchInfo.Throw(error);
            }

            throw error;
        }
        finally
        {
            result?.Dispose();
            activity?.Dispose();
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Writes and signs the request of a call's first attempt without sending it (what the overhead benchmarks measure).</summary>
    internal HttpRequestMessage CreateFirstAttemptRequest<TInput, TOutput>(OperationBinding<TInput, TOutput> operation, TInput input, ImmutableCredentials credentials)
        where TInput : class
        where TOutput : class =>
        CreateSignedRequest(CreateCall(operation, input), 1, credentials);

    /// <summary>Writes the request once per call, so that an idempotency token is the same on every attempt.</summary>
    private CallState<TInput, TOutput> CreateCall<TInput, TOutput>(OperationBinding<TInput, TOutput> operation, TInput input)
        where TInput : class
        where TOutput : class
    {
        var writer = RequestWriter.Rent(operation.HttpMethod);
        try
        {
            operation.WriteRequest(input, writer);
            return new CallState<TInput, TOutput>(this, operation, writer);
        }
        finally
        {
            RequestWriter.Return(writer);
        }
    }

    private static Activity? StartActivity(string operation)
    {
        var activity = BackupKitTelemetry.ActivitySource.StartActivity("Backup." + operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", "aws-api");
            activity.SetTag("rpc.service", "Backup");
            activity.SetTag(BackupKitTelemetry.OperationTag, operation);
        }

        return activity;
    }

    private void CompleteActivity(Activity? activity, CallTracker call, int? statusCode, string? requestId, string? errorType)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag(BackupKitTelemetry.RegionTag, Region);
        activity.SetTag("server.address", Endpoint.Host);
        activity.SetTag(BackupKitTelemetry.AttemptsTag, call.Attempts);
        if (statusCode is { } status)
        {
            activity.SetTag(BackupKitTelemetry.StatusCodeTag, status);
        }

        if (requestId is not null)
        {
            activity.SetTag(BackupKitTelemetry.RequestIdTag, requestId);
        }

        if (errorType is not null)
        {
            activity.SetTag(BackupKitTelemetry.ErrorTypeTag, errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }
    }

    private static bool IsLookup(string operation) =>
        operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal);

    /// <summary>
    /// Turns a call's final outcome into the exception the caller sees: the caller's own token on cancellation, and, after
    /// retries, the operation, the number of attempts and the last error named in the message.
    /// </summary>
    private Exception ToException(string operation, int attempts, Exception? exception, AttemptResult? result, Exception? attemptTimeout, CancellationToken cancellationToken)
    {
        var tried = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        if (exception is not null)
        {
            return exception switch
            {
                // Polly's strategies cancel with their own linked tokens; the caller must see its own.
                OperationCanceledException when cancellationToken.IsCancellationRequested => exception is OperationCanceledException { CancellationToken: var t } && t == cancellationToken
                    ? exception
                    : new OperationCanceledException($"{operation} was canceled by the caller after {tried}.", exception, cancellationToken),
                TimeoutRejectedException timeout => new TimeoutException(
                    $"{operation} did not finish within {BackupResilienceOptionsValidation.Format(ReferenceEquals(timeout, attemptTimeout) ? _resilience.AttemptTimeout : _resilience.TotalTimeout)} " +
                    $"(BackupResilienceOptions.TotalTimeout for the whole call, AttemptTimeout for the last attempt); {tried} made. " +
                    "Raise them if AWS Backup is expected to answer slowly.",
                    timeout),
                BrokenCircuitException or IsolatedCircuitException => new BrokenCircuitException(
                    $"{operation} was not sent: the circuit breaker of {_authority} ({Region}) is open because most recent calls failed after their retries. " +
                    "It lets a trial call through after BackupResilienceOptions.CircuitBreakerBreakDuration; set CircuitBreakerEnabled = false to turn it off.",
                    exception),
                HttpRequestException http when attempts > 1 => new HttpRequestException(
                    $"{operation} failed after {tried}; the last attempt got no answer: {http.Message}", http, http.StatusCode),
                IOException io when attempts > 1 => new IOException($"{operation} failed after {tried}; the last attempt got no answer: {io.Message}", io),
                _ => exception,
            };
        }

        Debug.Assert(result is not null, "An outcome has a result or an exception.");
        BackupServiceException error;
        if (result.Kind == AttemptResultKind.MalformedResponse)
        {
            return new BackupResponseException(operation, result.StatusCode, result.RequestId, result.FormatError!);
        }

        var code = result.ErrorCode;
        if (RetryClassifier.IsThrottlingCode(code) || (code is null && result.StatusCode == 429))
        {
            error = new ThrottlingException(result.ErrorMessage ?? "Rate exceeded", result.StatusCode, result.RequestId);
        }
        else if (BackupAuthenticationException.IsAuthenticationCode(code))
        {
            error = new BackupAuthenticationException(
                $"AWS Backup did not accept the credentials from {_credentials.Description} for {operation} ({code}: {result.ErrorMessage ?? "no message"}). " +
                "Check the access key, secret and session token (an expired session needs new credentials), that the clock is right, and the Region the client signs for.",
                code!, result.StatusCode, result.RequestId);
        }
        else if (code == "AccessDeniedException")
        {
            error = new BackupAccessDeniedException(
                $"AWS Backup refused {operation} to the credentials from {_credentials.Description}: {result.ErrorMessage ?? "access denied"}. " +
                $"Allow backup:{operation} for that identity (IAM policy, service control policy, permissions boundary or vault access policy).",
                result.StatusCode, result.RequestId);
        }
        else
        {
            error = BackupErrors.Create(
                code ?? "UnknownError",
                result.ErrorMessage ?? $"AWS Backup answered {operation} with HTTP {result.StatusCode} and no error code.",
                result.StatusCode,
                result.RequestId,
                result.ErrorBody);
        }

        error.Operation = operation;
        error.Attempts = attempts;
        return error;
    }

    /// <summary>
    /// The attempts of one logical call. Fast path: the first attempt needs only its own timeout. The retry pipeline, the
    /// one owner of retries, is entered when that outcome is worth a retry and takes it as its first attempt.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Outcome<AttemptResult>> RunCallAsync<TInput, TOutput>(ResilienceContext context, CallState<TInput, TOutput> call)
        where TInput : class
        where TOutput : class
    {
        var outcome = await SendAttemptAsync(context, call).ConfigureAwait(false);
        if (!_resilience.ShouldEnterRetries(outcome, context.CancellationToken))
        {
            return outcome;
        }

        call.FirstOutcome = outcome;
        return await _resilience.Retries.ExecuteOutcomeAsync(
            static (ctx, state) => state.Client.RetryAttemptAsync(ctx, state), context, call).ConfigureAwait(false);
    }

    /// <summary>One attempt inside the retry pipeline: the first one replays the outcome of the fast path, later ones send again.</summary>
    private ValueTask<Outcome<AttemptResult>> RetryAttemptAsync<TInput, TOutput>(ResilienceContext context, CallState<TInput, TOutput> call)
        where TInput : class
        where TOutput : class
    {
        if (call.FirstOutcome is { } first)
        {
            call.FirstOutcome = null;
            return new ValueTask<Outcome<AttemptResult>>(first);
        }

        return SendAttemptAsync(context, call);
    }

    /// <summary>Sends, signs and reads one attempt within the attempt timeout; failures come back as outcomes.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Outcome<AttemptResult>> SendAttemptAsync<TInput, TOutput>(ResilienceContext context, CallState<TInput, TOutput> call)
        where TInput : class
        where TOutput : class
    {
        var attempt = ++call.Attempts;
        var timeout = _resilience.AttemptTimeout;
        var cancellation = AttemptCancellation.Start(context.CancellationToken, timeout, _timeProvider);
        try
        {
            var cancellationToken = cancellation.Token;
            var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            using var request = CreateSignedRequest(call, attempt, credentials);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return Outcome.FromResult(await ReadResponseAsync(call, response, credentials, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (cancellation.TimedOut(ex))
        {
            var timedOut = new TimeoutRejectedException(
                $"The attempt did not finish within {BackupResilienceOptionsValidation.Format(timeout)} (BackupResilienceOptions.AttemptTimeout).", timeout, ex);
            call.AttemptTimeoutError = timedOut;
            return Outcome.FromException<AttemptResult>(timedOut);
        }
        catch (Exception ex)
        {
            // Outcomes, not throws, carry failures through the pipeline.
            return Outcome.FromException<AttemptResult>(ex);
        }
        finally
        {
            cancellation.Dispose();
        }
    }

    private HttpRequestMessage CreateSignedRequest<TInput, TOutput>(CallState<TInput, TOutput> call, int attempt, ImmutableCredentials credentials)
        where TInput : class
        where TOutput : class
    {
        var request = new HttpRequestMessage(call.Method, call.RequestUri);
        var amzDate = _signer.GetAmzDate(_timeProvider.GetUtcNow().AddTicks(Volatile.Read(ref _clockOffsetTicks)));
        var sdkRequest = _sdkRequestValues[Math.Min(attempt, _sdkRequestValues.Length) - 1];
        var token = credentials.UseToken ? credentials.Token : null;

        // Sorted by name: the canonical request needs that order.
        var headers = t_signedHeaders ??= new KeyValuePair<string, string>[9];
        var count = 0;
        headers[count++] = new("amz-sdk-invocation-id", call.InvocationId);
        headers[count++] = new("amz-sdk-request", sdkRequest);
        if (call.HasBody)
        {
            headers[count++] = new("content-length", call.ContentLengthText);
            headers[count++] = new("content-type", JsonMediaType);
        }

        headers[count++] = new("host", _host);
        headers[count++] = new("x-amz-content-sha256", call.PayloadHash);
        headers[count++] = new("x-amz-date", amzDate);
        if (token is not null)
        {
            headers[count++] = new("x-amz-security-token", token);
        }

        headers[count++] = new("x-amz-user-agent", SdkUserAgent);
        var signedHeaders = (call.HasBody, token is not null) switch
        {
            (false, false) => SignedHeadersBare,
            (false, true) => SignedHeadersToken,
            (true, false) => SignedHeadersBody,
            (true, true) => SignedHeadersBodyToken,
        };

        var authorization = _signer.Sign(
            credentials, amzDate, call.Method.Method, call.CanonicalUri.Span, call.CanonicalQuery, headers.AsSpan(0, count), signedHeaders, call.PayloadHash);

        // No Host header: the handler writes the same value from the URI, and one header fewer keeps the header store
        // at 8 entries (its array doubles from 4; a ninth entry would allocate a third, larger one).
        var requestHeaders = request.Headers;
        requestHeaders.TryAddWithoutValidation("amz-sdk-invocation-id", call.InvocationId);
        requestHeaders.TryAddWithoutValidation("amz-sdk-request", sdkRequest);
        requestHeaders.TryAddWithoutValidation("x-amz-content-sha256", call.PayloadHash);
        requestHeaders.TryAddWithoutValidation("x-amz-date", amzDate);
        if (token is not null)
        {
            requestHeaders.TryAddWithoutValidation("x-amz-security-token", token);
        }

        requestHeaders.TryAddWithoutValidation("x-amz-user-agent", SdkUserAgent);
        requestHeaders.TryAddWithoutValidation("User-Agent", FullUserAgent);
        requestHeaders.TryAddWithoutValidation("Authorization", authorization);
        if (call.HasBody)
        {
            var content = new ReadOnlyMemoryContent(call.Body);
            content.Headers.ContentType = JsonContentType;
            content.Headers.ContentLength = call.Body.Length;
            request.Content = content;
        }

        Array.Clear(headers, 0, count);
        return request;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<AttemptResult> ReadResponseAsync<TInput, TOutput>(
        CallState<TInput, TOutput> call, HttpResponseMessage response, ImmutableCredentials credentials, CancellationToken cancellationToken)
        where TInput : class
        where TOutput : class
    {
        var status = (int)response.StatusCode;
        var requestId = AwsErrorReader.ReadRequestId(response.Headers);
        if (AwsErrorReader.ReadDate(response.Headers) is { } serviceDate)
        {
            Volatile.Write(ref _serviceTimeOffsetTicks, (serviceDate - _timeProvider.GetUtcNow()).Ticks);
            Volatile.Write(ref _serviceTimeKnown, 1);
        }

        var (buffer, length) = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);

        if (status is >= 200 and < 300)
        {
            try
            {
                return AttemptResult.Success(status, requestId, ParseOutput(call.Operation, buffer, length));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                return AttemptResult.Malformed(status, requestId, ex, call.IsSafeToRepeat);
            }
            finally
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        // A server or proxy may echo the request's secrets back; they are masked before the answer goes any further.
        SecretRedaction.RedactInPlace(buffer is null ? default : buffer.AsSpan(0, length), credentials);
        AwsErrorReader.Read(response.Headers, buffer is null ? default : buffer.AsSpan(0, length), out var code, out var message);
        message = SecretRedaction.Redact(message, credentials);
        var skewCorrected = RetryClassifier.IsClockSkewCode(code) && TryCorrectClockSkew(call.OperationName, code!, AwsErrorReader.ReadDate(response.Headers));
        return AttemptResult.ServiceError(status, requestId, code, message, AwsErrorReader.ReadRetryAfter(response.Headers), buffer, length, skewCorrected);
    }

    /// <summary>
    /// When AWS refuses a signature and its <c>Date</c> header is more than 5 minutes from the local clock, remembers the
    /// difference (for this client's endpoint) and signs with the service's time from then on, as the AWS SDKs do.
    /// </summary>
    private bool TryCorrectClockSkew(string operation, string code, DateTimeOffset? serverDate)
    {
        if (serverDate is not { } serverNow)
        {
            return false;
        }

        var offset = serverNow - _timeProvider.GetUtcNow();
        var current = TimeSpan.FromTicks(Volatile.Read(ref _clockOffsetTicks));
        if ((offset - current).Duration() <= MaxClockSkew)
        {
            return false;
        }

        Volatile.Write(ref _clockOffsetTicks, offset.Ticks);
        Log.ClockSkewCorrected(_logger, operation, code, Math.Round(offset.TotalSeconds));
        return true;
    }

    /// <summary>Reads an operation's output from a success body; a null buffer is an empty body.</summary>
    internal static TOutput ParseOutput<TInput, TOutput>(OperationBinding<TInput, TOutput> operation, byte[]? buffer, int length)
        where TInput : class
        where TOutput : class
    {
        // restJson1: an empty body is an output with no members set.
        var reader = new Utf8JsonReader(buffer is null ? "{}"u8 : buffer.AsSpan(0, length));
        return operation.ReadOutput(ref reader);
    }

    /// <summary>Reads the whole body into a buffer rented from the shared pool; null when the body is empty.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(byte[]? Buffer, int Length)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared == 0)
        {
            return (null, 0);
        }

        // The content is SocketsHttpHandler's, whose stream exists once the headers are read: the synchronous accessor
        // returns it without blocking and without the Task the asynchronous one allocates.
        var stream = content.ReadAsStream(cancellationToken);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 and <= int.MaxValue / 2 ? (int)declared.Value + 1 : InitialBodyBuffer);
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }

            if (length == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return (null, 0);
            }

            return (buffer, length);
        }
    }

    /// <summary>Everything about one logical call that does not change between attempts.</summary>
    private sealed class CallState<TInput, TOutput> : CallTracker
        where TInput : class
        where TOutput : class
    {
        public CallState(BackupClient client, OperationBinding<TInput, TOutput> operation, RequestWriter writer)
            : base(operation.Name, client._sdkRequestValues.Length)
        {
            Client = client;
            Operation = operation;
            Method = ToHttpMethod(operation.HttpMethod);
            IsSafeToRepeat = operation.IsIdempotent || Method == HttpMethod.Get || Method == HttpMethod.Head;

            // The AWS SDK for JavaScript v3 sends paths without the trailing slash some URI templates of the model carry.
            var pathLength = writer.PathLength;
            if (pathLength > 1 && writer.PathAt(pathLength - 1) == '/')
            {
                pathLength--;
            }

            // One string for the URI, written straight from the writer; the path and, almost always, the canonical URI
            // are slices of it.
            var query = writer.BuildQueryString();
            var authority = client._authority;
            var basePath = client._basePath;
            var length = authority.Length + basePath.Length + pathLength + (query.Length == 0 ? 0 : 1 + query.Length);
            var uri = string.Create(length, (authority, basePath, writer, pathLength, query), static (chars, parts) =>
            {
                parts.authority.CopyTo(chars);
                var at = parts.authority.Length;
                parts.basePath.CopyTo(chars[at..]);
                at += parts.basePath.Length;
                parts.writer.CopyPathTo(chars.Slice(at, parts.pathLength));
                at += parts.pathLength;
                if (parts.query.Length > 0)
                {
                    chars[at++] = '?';
                    parts.query.CopyTo(chars[at..]);
                }
            });
            _uri = uri;
            _pathStart = authority.Length;
            _pathLength = basePath.Length + pathLength;
            RequestUri = new Uri(uri, UriKind.Absolute);
            var pathMemory = uri.AsMemory(_pathStart, _pathLength);
            CanonicalUri = SigV4Signer.IsAlreadyCanonical(pathMemory.Span) ? pathMemory : SigV4Signer.CanonicalizePath(Path).AsMemory();
            CanonicalQuery = writer.BuildCanonicalQueryString();
            HasBody = writer.HasBody;
            Body = writer.Body;
            PayloadHash = SigV4Signer.HashPayload(Body.Span);
            ContentLengthText = HasBody ? Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";
            InvocationId = InvocationIds.Next();
        }

        public BackupClient Client { get; }

        public OperationBinding<TInput, TOutput> Operation { get; }

        public HttpMethod Method { get; }

        public bool IsSafeToRepeat { get; }

        private readonly string _uri;
        private readonly int _pathStart;
        private readonly int _pathLength;

        /// <summary>The request path as sent (percent-encoded, base path included).</summary>
        public string Path => _uri.Substring(_pathStart, _pathLength);

        public Uri RequestUri { get; }

        public ReadOnlyMemory<char> CanonicalUri { get; }

        public string CanonicalQuery { get; }

        public bool HasBody { get; }

        public ReadOnlyMemory<byte> Body { get; }

        public string PayloadHash { get; }

        public string ContentLengthText { get; }

        /// <summary>One id per logical call, sent on every attempt (<c>amz-sdk-invocation-id</c>), as the AWS SDKs do.</summary>
        public string InvocationId { get; }

        private static HttpMethod ToHttpMethod(string method) => method switch
        {
            "GET" => HttpMethod.Get,
            "PUT" => HttpMethod.Put,
            "POST" => HttpMethod.Post,
            "DELETE" => HttpMethod.Delete,
            "PATCH" => HttpMethod.Patch,
            "HEAD" => HttpMethod.Head,
            _ => new HttpMethod(method),
        };
    }
}
