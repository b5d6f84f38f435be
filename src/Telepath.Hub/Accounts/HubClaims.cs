namespace Telepath.Hub.Accounts;

/// <summary>Claims the API token scheme adds beside the user id.</summary>
public static class HubClaims
{
    public const string OrganisationId = "telepath:organisation";
    public const string TokenId = "telepath:token";
    public const string TokenKind = "telepath:token_kind";
}
