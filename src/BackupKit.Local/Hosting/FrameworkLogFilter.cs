using Microsoft.Extensions.Logging;

namespace BackupKit.Local.Hosting;

/// <summary>
/// Hands the caller's logger factory to the web host with ASP.NET Core's own categories raised to Warning, so that
/// per-request framework logging ("Request starting", "Request finished") stays off the request path.
/// </summary>
internal sealed class FrameworkLogFilter : ILoggerFactory
{
    private readonly ILoggerFactory _inner;

    public FrameworkLogFilter(ILoggerFactory inner) => _inner = inner;

    public ILogger CreateLogger(string categoryName)
    {
        var logger = _inner.CreateLogger(categoryName);
        return categoryName.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) ? new WarningsOnly(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    // The caller owns the inner factory and disposes it.
    public void Dispose()
    {
    }

    private sealed class WarningsOnly(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
