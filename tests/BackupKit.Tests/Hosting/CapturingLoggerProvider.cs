using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BackupKit.Tests.Hosting;

/// <summary>Keeps every log line at every level: message, structured values and the exception's full text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Logs { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>>;
            var text = string.Join(" | ", values?.Select(v => $"{v.Key}={v.Value}") ?? []);
            owner.Logs.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), text, exception?.ToString()));
        }
    }
}

internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, string Values, string? Exception)
{
    public string AllText => $"{Message} {Values} {Exception}";
}
