namespace Telepath.Hub.Data;

/// <summary>The unit of sharing: members see the organisation's members, invitations and previews, and nothing of another's.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The GitHub organisation (its login, lower case) whose members this one's are, kept in step with GitHub at each
    /// sign-in and re-check; null for an organisation that lives only in the hub.
    /// </summary>
    public string? GitHubOrganization { get; set; }
}
