using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Telepath.Hub.Accounts;
using Telepath.Hub.CliAuth;
using Telepath.Hub.Dashboard;
using Telepath.Hub.Previews;
using Telepath.Hub.Previews.Proxy;
using Telepath.Hub.Security;

namespace Telepath.Hub.Hosting;

/// <summary>The hub as a web application: run by `telepath-hub`, and in process by tests (on 127.0.0.1:0).</summary>
public static class HubHost
{
    /// <param name="configure">Runs last, before the app is built: tests swap the clock, the console or the logging here.</param>
    public static WebApplication Build(HubOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The Razor pages are compiled into this assembly, which in a test process is not the entry one.
            ApplicationName = typeof(HubHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddTelepathHub(options);
        builder.Services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Admin", Security.HubAuthentication.OrganisationAdminPolicy);
            pages.Conventions.AuthorizePage("/Admin/Organisations", Security.HubAuthentication.HubAdministratorPolicy);
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseTrustedProxies(options);
        app.UsePublicScheme(options);
        // Preview hosts are the previewed application's, not the hub's: none of the hub's pages, limits or cookies apply.
        app.UseMiddleware<PreviewProxyMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStylesheet();
        app.MapRazorPages();
        app.MapCliEndpoints();
        app.MapOrganisationEndpoints();
        app.MapPreviewEndpoints();
        app.MapDashboardEndpoints();
        return app;
    }

    /// <summary>The base address actually bound (the options may ask for port 0).</summary>
    public static Uri BoundAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
}
