using System.Text.Encodings.Web;

namespace Telepath.Hub.Previews.Proxy;

/// <summary>The few pages a preview host answers itself: small, self-contained HTML (they are on the preview's origin, not the hub's).</summary>
public static class ProxyPages
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string message)
    {
        var html = HtmlEncoder.Default;
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{html.Encode(title)}</title></head>
            <body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d2430">
            <h1 style="font-size:1.4rem">{html.Encode(title)}</h1>
            <p>{html.Encode(message)}</p>
            </body></html>
            """);
    }

    public static Task EndedAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status404NotFound, "This preview has ended or never existed",
            "Its intercept was left, its laptop went away, or the link is wrong. Ask its owner for a new one.");
}
