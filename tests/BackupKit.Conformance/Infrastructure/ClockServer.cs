using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Conformance.Infrastructure;

/// <summary>
/// Lets the JavaScript flows read and move the emulator's clock: <c>GET now</c> answers epoch milliseconds,
/// <c>POST advance?ms=N</c> moves the clock forward (timers due in between fire) and answers the new time.
/// </summary>
internal sealed class ClockServer : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;

    public ClockServer(FakeTimeProvider clock)
    {
        _server = LoopbackHttpServer.Start(context => HandleAsync(clock, context));
    }

    public Uri BaseAddress => _server.BaseAddress;

    private static async Task HandleAsync(FakeTimeProvider clock, HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url?.AbsolutePath ?? string.Empty;
        if (request.HttpMethod == "POST" && path == "/advance"
            && long.TryParse(request.QueryString["ms"], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            clock.Advance(TimeSpan.FromMilliseconds(ms));
        }
        else if (!(request.HttpMethod == "GET" && path == "/now"))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(now);
        context.Response.ContentType = "text/plain";
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
