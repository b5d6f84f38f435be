using Telepath.Hub.Data;

namespace Telepath.Hub.Previews.Proxy;

/// <summary>What the proxy needs of an active preview: who may see it, where to send requests, and what the banner says.</summary>
public sealed record PreviewTarget(
    string Id,
    Guid OrganisationId,
    PreviewVisibility Visibility,
    string HeaderName,
    string HeaderValue,
    string IngressHost,
    int IngressPort,
    bool IngressTls,
    string? IngressL5Host,
    string Workload,
    string OwnerEmail,
    string OrganisationName)
{
    /// <summary>The name presented to the ingress as Host and TLS SNI.</summary>
    public string PresentedHost => IngressL5Host ?? IngressHost;

    public string Ingress => $"{IngressHost}:{IngressPort}";
}
