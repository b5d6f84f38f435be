using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Security;

/// <summary>
/// Every cookie the hub sets is HttpOnly and SameSite=Lax, and Secure whenever the public URL is https
/// (SameAsRequest otherwise, so a plain-http hub on localhost still works). Over https their names carry the
/// `__Host-` prefix, which browsers accept only from a secure origin, for Path=/ and without Domain: neither a
/// sibling subdomain nor a plain-http page of the same host can then plant or overwrite them.
/// </summary>
public static class CookieSettings
{
    public const string SessionCookie = "telepath_hub";
    public const string AntiforgeryCookie = "telepath_csrf";
    public const string HostPrefix = "__Host-";

    /// <summary>The name a cookie has on this hub: <paramref name="name"/>, with `__Host-` when the public URL is https.</summary>
    public static string Named(HubOptions options, string name) => options.PublicUrlIsHttps ? HostPrefix + name : name;

    /// <summary>The name without the `__Host-` prefix, to recognise a cookie whichever way the hub is served.</summary>
    public static string Unprefixed(string name) => name.StartsWith(HostPrefix, StringComparison.Ordinal) ? name[HostPrefix.Length..] : name;

    public static IServiceCollection AddHubCookies(this IServiceCollection services, HubOptions options)
    {
        var secure = options.PublicUrlIsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = Named(options, SessionCookie);
            cookie.Cookie.Path = "/";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = secure;
            cookie.LoginPath = "/signin";
            cookie.LogoutPath = "/signout";
            cookie.AccessDeniedPath = "/forbidden";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.SlidingExpiration = true;
            cookie.Events = new CookieAuthenticationEvents
            {
                // An API client wants a status code, not the sign-in page.
                OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden),
            };
        });
        services.ConfigureExternalCookie(cookie =>
        {
            cookie.Cookie.Name = Named(options, CookieAuthenticationDefaults.CookiePrefix + IdentityConstants.ExternalScheme);
            cookie.Cookie.Path = "/";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = secure;
        });
        services.Configure<AntiforgeryOptions>(antiforgery =>
        {
            antiforgery.Cookie.Name = Named(options, AntiforgeryCookie);
            antiforgery.Cookie.Path = "/";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Lax;
            antiforgery.Cookie.SecurePolicy = secure;
            antiforgery.HeaderName = HubAuthentication.AntiforgeryHeader;
        });
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            // The handler built the address from the request's Host header.
            context.Response.Redirect(context.HttpContext.RequestServices.GetRequiredService<PublicBaseUrl>().Rebase(context.RedirectUri));
        }

        return Task.CompletedTask;
    }
}
