using Microsoft.AspNetCore.Identity;

namespace Telepath.Hub.Data;

/// <summary>A person who signs in; the user name is the email address.</summary>
public sealed class HubUser : IdentityUser
{
    /// <summary>The account made by the set-up link: it may create organisations. It sees no organisation's data it is not a member of.</summary>
    public bool IsHubAdministrator { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The organisation the person last chose to act in, in the browser. Only a preference: no foreign key, and it counts
    /// only while they are still a member (see CurrentMember); null means their oldest membership.
    /// </summary>
    public Guid? CurrentOrganisationId { get; set; }
}
