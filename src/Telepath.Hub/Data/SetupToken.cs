namespace Telepath.Hub.Data;

/// <summary>The one-time link that makes the first admin account; printed while the hub has no users.</summary>
public sealed class SetupToken
{
    public Guid Id { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when used, or when a later start printed a new link instead.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
