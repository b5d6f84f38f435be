using Microsoft.AspNetCore.Identity;

namespace Telepath.Hub.Security;

/// <summary>The hub's authentication schemes and authorization policies, by name.</summary>
public static class HubAuthentication
{
    /// <summary>The browser session: Identity's application cookie.</summary>
    public static readonly string CookieScheme = IdentityConstants.ApplicationScheme;

    /// <summary>`Authorization: Bearer tph_…` (CLI logins and API keys).</summary>
    public const string TokenScheme = "TelepathToken";

    /// <summary>What `/api/*` uses: the bearer scheme when an Authorization header is sent, else the cookie.</summary>
    public const string ApiScheme = "TelepathApi";

    public const string OidcScheme = "oidc";

    public const string GitHubScheme = "github";

    /// <summary>Any signed-in member of an organisation, by cookie or token.</summary>
    public const string ApiPolicy = "Api";

    /// <summary>An admin of the caller's organisation.</summary>
    public const string OrganisationAdminPolicy = "OrganisationAdmin";

    /// <summary>The account made by the set-up link.</summary>
    public const string HubAdministratorPolicy = "HubAdministrator";

    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
}
