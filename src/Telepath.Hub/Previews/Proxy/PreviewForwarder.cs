using System.Diagnostics;
using System.Net;
using System.Net.Security;
using Telepath.Hub.Hosting;
using Telepath.Hub.Previews.Ingress;
using Yarp.ReverseProxy.Forwarder;

namespace Telepath.Hub.Previews.Proxy;

/// <summary>
/// Sends a preview request to its ingress with YARP's forwarder over one shared connection pool. Bodies stream both
/// ways and WebSocket upgrades pass through; an ingress that cannot be reached becomes a 502 page that says why.
/// </summary>
public sealed class PreviewForwarder : IDisposable
{
    private static readonly ForwarderRequestConfig s_request = new()
    {
        // Ingress controllers all speak HTTP/1.1, and WebSocket upgrades are plainest there.
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        ActivityTimeout = TimeSpan.FromMinutes(2),
    };

    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _invoker;
    private readonly ILogger<PreviewForwarder> _logger;

    public PreviewForwarder(IHttpForwarder forwarder, HubOptions options, IngressConnector connector, ILogger<PreviewForwarder> logger)
    {
        _forwarder = forwarder;
        _logger = logger;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            // The hub picks the addresses it connects to, so a name cannot lead it somewhere the policy refuses.
            ConnectCallback = connector.ConnectAsync,
        };
        if (!options.VerifyIngressCertificates)
        {
            // Ingresses inside a cluster often present self-signed certificates; the operator chose to accept them.
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        }

        _invoker = new HttpMessageInvoker(handler);
    }

    public async Task ForwardAsync(HttpContext context, PreviewTarget target)
    {
        var destination = new UriBuilder(target.IngressTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, target.IngressHost, target.IngressPort).Uri.ToString();
        var transformer = new PreviewTransformer(target);
        ForwarderError error;
        try
        {
            error = await _forwarder.SendAsync(context, destination, _invoker, s_request, transformer, context.RequestAborted);
        }
        finally
        {
            if (transformer.OriginalBody is { } body)
            {
                context.Response.Body = body;
            }
        }

        if (error == ForwarderError.None && transformer.Banner is { } banner)
        {
            await banner.CompleteAsync(context.RequestAborted);
            return;
        }

        if (error != ForwarderError.None)
        {
            var cause = context.GetForwarderErrorFeature()?.Exception;
            var refused = Innermost(cause) as IngressRefusedException;
            if (refused is not null)
            {
                // A name that now leads somewhere refused may be a rebinding attempt: worth an operator's look.
                Log.PreviewIngressRefused(_logger, target.Id, refused.Message);
            }
            else
            {
                Log.PreviewIngressFailed(_logger, target.Id, target.Ingress, error, cause?.Message ?? "");
            }

            if (!context.Response.HasStarted && refused is not null)
            {
                await ProxyPages.WriteAsync(context, StatusCodes.Status502BadGateway, "The preview's ingress is refused",
                    $"The hub does not connect there: {refused.Message}.");
            }
            else if (!context.Response.HasStarted)
            {
                await ProxyPages.WriteAsync(context, StatusCodes.Status502BadGateway, "The preview's ingress did not answer",
                    $"The hub could not get an answer from the ingress {target.Ingress}: {Cause(error, cause)}.");
            }
        }
    }

    private static string Cause(ForwarderError error, Exception? exception) => Innermost(exception)?.Message ?? error.ToString();

    private static Exception? Innermost(Exception? exception)
    {
        var innermost = exception;
        while (innermost?.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost;
    }

    public void Dispose() => _invoker.Dispose();
}
