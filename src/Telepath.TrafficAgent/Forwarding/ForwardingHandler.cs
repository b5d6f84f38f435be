namespace Telepath.TrafficAgent.Forwarding;

/// <summary>The outgoing HTTP handler for both destinations: transparent, no proxy, no cookies, no decompression.</summary>
internal static class ForwardingHandler
{
    public static HttpMessageInvoker CreateInvoker(
        TimeSpan connectTimeout,
        Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = connectTimeout,
            // The client's own trace headers pass through unchanged; the agent adds none.
            ActivityHeadersPropagator = null,
        };
        if (connect is not null)
        {
            handler.ConnectCallback = connect;
        }

        return new HttpMessageInvoker(handler, disposeHandler: true);
    }
}
