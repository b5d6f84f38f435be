using Microsoft.AspNetCore.Identity;

namespace Telepath.Hub.Data;

/// <summary>A person who signs in; the user name is the email address.</summary>
public sealed class HubUser : IdentityUser
{
    /// <summary>The account made by the set-up link: it may create organisations. It sees no organisation's data it is not a member of.</summary>
    public bool IsHubAdministrator { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
