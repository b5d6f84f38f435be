using Telepath.Hub.Hosting;

namespace Telepath.Hub.Security;

/// <summary>
/// With an https public URL, TLS ends at a proxy in front of the hub and Kestrel sees plain http. Requests are
/// then treated as the https they were for the browser, so Secure cookies can be set and antiforgery accepts
/// them. A browser only sends Secure cookies over https, so nothing leaks to a plain-http caller.
/// </summary>
public static class PublicScheme
{
    public static IApplicationBuilder UsePublicScheme(this IApplicationBuilder app, HubOptions options)
    {
        if (!options.PublicUrlIsHttps)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            context.Request.Scheme = Uri.UriSchemeHttps;
            return next(context);
        });
    }
}
