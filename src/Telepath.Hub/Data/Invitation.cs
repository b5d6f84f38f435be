namespace Telepath.Hub.Data;

/// <summary>
/// An admin's offer to join an organisation, sent as a link the admin copies (the hub sends no mail).
/// Only the SHA-256 of the link's token is stored, so a copy of the database cannot be used to join.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>Trimmed and lower-cased, so an OIDC claim matches it whatever its case.</summary>
    public required string Email { get; set; }

    public MembershipRole Role { get; set; }

    public required string TokenHash { get; set; }

    public string? InvitedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public string? AcceptedByUserId { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsPendingAt(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}
