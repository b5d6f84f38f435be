using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telepath.Hub.Accounts;
using Telepath.Hub.Accounts.GitHub;
using Telepath.Hub.CliAuth;
using Telepath.Hub.Data;
using Telepath.Hub.Previews;
using Telepath.Hub.Previews.Ingress;
using Telepath.Hub.Previews.Proxy;
using Telepath.Hub.Security;

namespace Telepath.Hub.Hosting;

public static class HubServiceCollectionExtensions
{
    /// <summary>Everything the hub needs. Uses TryAdd where a test may want its own (the clock, the console).</summary>
    public static IServiceCollection AddTelepathHub(this IServiceCollection services, HubOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HubConsole>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddHttpContextAccessor();

        services.AddHubDatabase(options.Database);
        services.AddHostedService<DatabaseMigration>();
        services.AddHostedService<SetupLinkAnnouncer>();

        services.AddIdentity<HubUser, IdentityRole>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<HubDbContext>()
            .AddDefaultTokenProviders();
        services.AddDataProtection().SetApplicationName("telepath-hub").PersistKeysToDbContext<HubDbContext>();
        services.AddHubCookies(options);

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(HubAuthentication.TokenScheme, null)
            .AddPolicyScheme(HubAuthentication.ApiScheme, null, policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? HubAuthentication.TokenScheme : HubAuthentication.CookieScheme)
            .AddHubOidc(options.Oidc)
            .AddHubGitHub(options);
        services.AddScoped<IAuthorizationHandler, MemberRequirementHandler>();
        services.AddAuthorizationBuilder()
            // Pages need a signed-in user unless they say otherwise.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(HubAuthentication.ApiPolicy, policy => policy
                .AddAuthenticationSchemes(HubAuthentication.ApiScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new MemberRequirement()))
            .AddPolicy(HubAuthentication.OrganisationAdminPolicy, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new MemberRequirement(Admin: true)))
            .AddPolicy(HubAuthentication.HubAdministratorPolicy, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new MemberRequirement(HubAdministrator: true)));
        services.AddHubRateLimiting(options.EffectiveRateLimits);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);

        services.AddScoped<CurrentMember>();
        services.AddScoped<FirstAdminSetup>();
        services.AddScoped<Invitations>();
        services.AddScoped<Members>();
        services.AddScoped<Organisations>();
        services.AddScoped<OidcAdmission>();
        services.AddScoped<ExternalAccounts>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<DeviceAuthorizations>();
        services.AddScoped<CookieAntiforgeryFilter>();
        services.AddScoped<PreviewRegistry>();
        services.AddSingleton<PreviewUrls>();
        services.AddSingleton<PreviewTraffic>();
        services.AddHostedService<PreviewSweeper>();
        services.AddHttpForwarder();
        services.AddSingleton<PreviewPasses>();
        services.TryAddSingleton<IIngressResolver, SystemIngressResolver>();
        services.AddSingleton<IngressPolicy>();
        services.AddSingleton<IngressGate>();
        services.AddSingleton<IngressConnector>();
        services.AddSingleton<PreviewForwarder>();
        services.AddHubGitHubAccounts();
        return services;
    }

    private static IServiceCollection AddHubDatabase(this IServiceCollection services, DatabaseOptions database) =>
        database.Provider switch
        {
            DatabaseProvider.Postgres => services.AddDbContext<HubDbContext, PostgresHubDbContext>(db => db.UseNpgsql(database.ConnectionString)),
            _ => services.AddDbContext<HubDbContext, SqliteHubDbContext>(db => db.UseSqlite(database.ConnectionString)),
        };
}
