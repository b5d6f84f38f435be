namespace Telepath.Hub.Data;

public enum ApiTokenKind
{
    /// <summary>Made by `telepath login` through the device flow; `telepath logout` revokes it.</summary>
    CliLogin,

    /// <summary>Made on the API keys page, for machines without a browser.</summary>
    ApiKey,
}

/// <summary>
/// A bearer credential (`tph_…`) acting as one user in one organisation. Only its SHA-256 is stored;
/// the prefix is kept so people can tell their keys apart.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public HubUser? User { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public required string Name { get; set; }

    public ApiTokenKind Kind { get; set; }

    public required string SecretHash { get; set; }

    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
