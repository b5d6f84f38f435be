namespace Telepath.Hub.Data;

public enum DeviceAuthorizationStatus
{
    Pending,
    Approved,
    Denied,

    /// <summary>The token was handed out; the device code cannot be exchanged again.</summary>
    Consumed,
}

/// <summary>One RFC 8628 device authorization: a CLI waiting for a person to approve its user code.</summary>
public sealed class DeviceAuthorization
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the device code the CLI polls with.</summary>
    public required string DeviceCodeHash { get; set; }

    /// <summary>Eight letters without the dash (`ABCDEFGH`), shown as `ABCD-EFGH`.</summary>
    public required string UserCode { get; set; }

    /// <summary>What the CLI called itself (e.g. `telepath on laptop`), shown on the approval page and as the token's name.</summary>
    public required string ClientName { get; set; }

    /// <summary>The organisation name the CLI asked for (`telepath login --org`): only preselects the choice on the approval page.</summary>
    public string? RequestedOrganisation { get; set; }

    public DeviceAuthorizationStatus Status { get; set; }

    public string? UserId { get; set; }

    public Guid? OrganisationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int IntervalSeconds { get; set; }

    public DateTimeOffset? LastPolledAt { get; set; }
}
