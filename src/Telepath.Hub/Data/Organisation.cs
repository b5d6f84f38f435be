namespace Telepath.Hub.Data;

/// <summary>The unit of sharing: members see the organisation's members, invitations and previews, and nothing of another's.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
