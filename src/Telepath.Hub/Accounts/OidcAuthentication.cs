using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Telepath.Hub.Hosting;
using Telepath.Hub.Security;

namespace Telepath.Hub.Accounts;

/// <summary>
/// The OpenID Connect scheme, added only when `Hub:Oidc` has an authority, client id and secret. It signs in
/// to Identity's external cookie; <see cref="OidcAdmission"/> then decides whether the person may enter.
/// </summary>
public static class OidcAuthentication
{
    public const string CallbackPath = "/signin-oidc";

    public static AuthenticationBuilder AddHubOidc(this AuthenticationBuilder authentication, OidcOptions? oidc)
    {
        if (oidc is null)
        {
            return authentication;
        }

        // Secure exactly when the hub's other cookies are (the handler's default is always, which a plain-http hub on
        // localhost could not send back).
        authentication.Services.AddOptions<OpenIdConnectOptions>(HubAuthentication.OidcScheme).Configure<HubOptions>((options, hub) =>
        {
            var secure = hub.PublicUrlIsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.CorrelationCookie.SecurePolicy = secure;
            options.NonceCookie.SecurePolicy = secure;
        });
        return authentication.AddOpenIdConnect(HubAuthentication.OidcScheme, oidc.DisplayName, options =>
        {
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.Authority = oidc.Authority;
            // Plain http only for a provider on this machine (a development one); anything else must be https.
            options.RequireHttpsMetadata = !new Uri(oidc.Authority).IsLoopback;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = oidc.ClientSecret;
            options.CallbackPath = CallbackPath;
            // Code flow with PKCE, answered by a top-level GET redirect, so the correlation cookies can stay SameSite=Lax.
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("email");
            options.Scope.Add("profile");
            options.GetClaimsFromUserInfoEndpoint = true;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.Events.OnRedirectToIdentityProvider = context =>
            {
                // The handler builds redirect_uri from the request's Host header; the provider must send people back to the hub.
                context.ProtocolMessage.RedirectUri = context.HttpContext.RequestServices.GetRequiredService<PublicBaseUrl>().Rebase(context.ProtocolMessage.RedirectUri);
                return Task.CompletedTask;
            };
            options.Events.OnRemoteFailure = ShowFailure;
        });
    }

    /// <summary>
    /// A way back that fails (a token signed by another key, for another audience, a wrong nonce, a stale state) ends
    /// where it started, which then says the sign-in did not complete, instead of an error page.
    /// </summary>
    private static Task ShowFailure(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcAuthentication));
        Log.ExternalSignInFailed(logger, context.Scheme.Name, context.Failure?.Message ?? "unknown");
        // The redirect address comes from the handler's protected state, set by the hub's own pages; checked anyway.
        var back = context.Properties?.RedirectUri is { } uri && uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal)
            ? uri
            : "/signin?handler=OidcCallback";
        context.Response.Redirect(back);
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
