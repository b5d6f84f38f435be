using Telepath.Hub.Accounts;
using Telepath.Hub.Data;
using Telepath.Hub.Hosting;
using Telepath.Hub.Security;

namespace Telepath.Hub.Previews.Proxy;

/// <summary>
/// Requests to `&lt;id&gt;.&lt;PreviewDomain&gt;` are previews: answered here, before any of the hub's own pages.
/// A public preview is forwarded for anyone; a private one needs the `telepath-preview` cookie of a member of its
/// organisation, checked against the database on every request so that making it private or removing the member
/// takes effect at once. Without one, the browser goes to the hub's `/preview-auth`, which hands it back with a ticket.
/// </summary>
public sealed class PreviewProxyMiddleware(RequestDelegate next, HubOptions options, PreviewPasses passes, PreviewUrls urls, PreviewForwarder forwarder)
{
    public const string HandOffPath = "/.telepath/auth";

    public async Task InvokeAsync(HttpContext context)
    {
        if (PreviewHost.IdOf(context.Request.Host.Host, options.PreviewDomain) is not { } id)
        {
            await next(context);
            return;
        }

        if (context.Request.Path.Equals(HandOffPath, StringComparison.Ordinal))
        {
            await HandOffAsync(context, id);
            return;
        }

        var services = context.RequestServices;
        if (await services.GetRequiredService<PreviewRegistry>().TargetAsync(id) is not { } target)
        {
            await ProxyPages.EndedAsync(context);
            return;
        }

        if (target.Visibility == PreviewVisibility.Private && !await AdmittedAsync(context, target, services.GetRequiredService<Members>()))
        {
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect($"{urls.Hub()}/preview-auth?preview={id}&return={Uri.EscapeDataString(back)}");
            return;
        }

        services.GetRequiredService<PreviewTraffic>().Record(target.Id);
        await forwarder.ForwardAsync(context, target);
    }

    private async Task<bool> AdmittedAsync(HttpContext context, PreviewTarget target, Members members) =>
        passes.ReadCookie(context.Request.Cookies[CookieSettings.Named(options, PreviewPasses.CookieName)], target.Id) is { } pass
        && await members.IsMemberAsync(pass.UserId, target.OrganisationId);

    /// <summary>The end of the hand-off: a valid ticket for this preview becomes this host's own cookie.</summary>
    private async Task HandOffAsync(HttpContext context, string id)
    {
        var query = context.Request.Query;
        if (passes.RedeemTicket(query["ticket"], id) is not { } ticket)
        {
            await ProxyPages.WriteAsync(context, StatusCodes.Status400BadRequest, "This sign-in link has expired",
                "Open the preview's address again to sign in once more.");
            return;
        }

        var (value, pass) = passes.IssueCookie(ticket.UserId, id);
        context.Response.Cookies.Append(CookieSettings.Named(options, PreviewPasses.CookieName), value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = options.PublicUrlIsHttps,
            Path = "/",
            Expires = pass.ExpiresAt,
        });
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(LocalReturnPath.Of(query["return"]));
    }
}
