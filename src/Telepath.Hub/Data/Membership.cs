namespace Telepath.Hub.Data;

public enum MembershipRole
{
    Member,
    Admin,
}

/// <summary>A user in an organisation, with a role. One row per (organisation, user).</summary>
public sealed class Membership
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public required string UserId { get; set; }

    public HubUser? User { get; set; }

    public MembershipRole Role { get; set; }

    public DateTimeOffset JoinedAt { get; set; }
}
