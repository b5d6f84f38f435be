namespace Telepath.Hub.Data;

public enum PreviewVisibility
{
    /// <summary>Only signed-in members of the preview's organisation.</summary>
    Private,

    /// <summary>Anyone with the URL.</summary>
    Public,
}

/// <summary>
/// A preview URL `https://&lt;Id&gt;.&lt;preview domain&gt;` for a personal intercept: requests to it go to the
/// ingress with the intercept's header added. Made by `telepath intercept` when logged in.
/// </summary>
public sealed class Preview
{
    /// <summary>A short random DNS label (see <see cref="PreviewId"/>).</summary>
    public required string Id { get; set; }

    public required string InterceptId { get; set; }

    public required string InterceptName { get; set; }

    public required string Workload { get; set; }

    public required string Namespace { get; set; }

    public required string HeaderName { get; set; }

    public required string HeaderValue { get; set; }

    public required string IngressHost { get; set; }

    public int IngressPort { get; set; }

    public bool IngressTls { get; set; }

    /// <summary>
    /// The name to present to the ingress (`--ingress-l5`, as in Telepresence): the TLS SNI and HTTP Host header sent.
    /// <see cref="IngressHost"/>:<see cref="IngressPort"/> is where to connect; null sends <see cref="IngressHost"/>.
    /// </summary>
    public string? IngressL5Host { get; set; }

    public PreviewVisibility Visibility { get; set; }

    public required string OwnerUserId { get; set; }

    public HubUser? Owner { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When the owner's laptop last created or listed its previews (`GET /api/previews/mine`, every 2 s): a preview
    /// not renewed for <see cref="Previews.PreviewLease.Duration"/> counts as ended, so a crashed laptop's previews go too.
    /// </summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}
