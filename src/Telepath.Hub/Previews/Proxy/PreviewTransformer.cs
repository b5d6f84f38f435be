using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace Telepath.Hub.Previews.Proxy;

/// <summary>
/// Turns a request to a preview host into the ingress's request for the intercept: the intercept's header added,
/// the preview's presented name as Host (and so as TLS SNI), the hub's cookies taken out, X-Forwarded-* set. For an
/// HTML answer it puts a <see cref="BannerStream"/> in front of the response body.
/// </summary>
public sealed class PreviewTransformer(PreviewTarget target) : HttpTransformer
{
    /// <summary>Set once an HTML response is being rewritten; the caller completes it when the body has ended.</summary>
    public BannerStream? Banner { get; private set; }

    public Stream? OriginalBody { get; private set; }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var request = httpContext.Request;
        var headers = proxyRequest.Headers;

        // SocketsHttpHandler takes the TLS server name from the Host header when one is set.
        headers.Host = target.PresentedHost;
        headers.Remove(target.HeaderName);
        headers.TryAddWithoutValidation(target.HeaderName, target.HeaderValue);

        headers.Remove(HeaderNames.Cookie);
        if (ForwardedCookies.Without(request.Headers.Cookie) is { } cookies)
        {
            headers.TryAddWithoutValidation(HeaderNames.Cookie, cookies);
        }

        // An uncompressed answer is one the banner can be put into.
        headers.AcceptEncoding.Clear();

        // What the client sent as X-Forwarded-* is its own claim; the hub says what it saw.
        headers.Remove("X-Forwarded-For");
        headers.Remove("X-Forwarded-Proto");
        headers.Remove("X-Forwarded-Host");
        if (httpContext.Connection.RemoteIpAddress is { } client)
        {
            headers.TryAddWithoutValidation("X-Forwarded-For", client.ToString());
        }

        headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (proxyResponse is not null && IsRewritableHtml(httpContext.Request, proxyResponse))
        {
            httpContext.Response.Headers.ContentLength = null;
            OriginalBody = httpContext.Response.Body;
            Banner = new BannerStream(OriginalBody, PreviewBanner.Html(target));
            httpContext.Response.Body = Banner;
        }

        return proceed;
    }

    // Compressed (the ingress ignored the missing Accept-Encoding) or bodiless answers pass as they are.
    private static bool IsRewritableHtml(HttpRequest request, HttpResponseMessage response) =>
        !HttpMethods.IsHead(request.Method)
        && response.Content.Headers.ContentType is { MediaType: { } mediaType }
        && mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
        && response.Content.Headers.ContentEncoding.Count == 0
        && (int)response.StatusCode is not (204 or 304) and >= 200;
}
