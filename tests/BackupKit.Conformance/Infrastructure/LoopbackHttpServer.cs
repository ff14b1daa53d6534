using System.Net;
using System.Net.Sockets;

namespace BackupKit.Conformance.Infrastructure;

/// <summary>
/// A minimal HTTP server on 127.0.0.1 for test infrastructure (the capture server and the clock control endpoint).
/// Every request is handed to the handler on a pool thread; the server stops on dispose.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LoopbackHttpServer(HttpListener listener, Uri baseAddress, Func<HttpListenerContext, Task> handler)
    {
        _listener = listener;
        _handler = handler;
        BaseAddress = baseAddress;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server's address, ending with a slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public static LoopbackHttpServer Start(Func<HttpListenerContext, Task> handler)
    {
        // HttpListener needs the port up front: take a free one from the OS, retry if another process wins it.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var prefix = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return new LoopbackHttpServer(listener, new Uri(prefix), handler);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await _handler(context).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    context.Response.StatusCode = 500;
                    var bytes = System.Text.Encoding.UTF8.GetBytes(ex.ToString());
                    await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                }
                finally
                {
                    context.Response.Close();
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}
