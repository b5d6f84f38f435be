namespace Telepath.Hub.Previews;

/// <summary>
/// The body of `POST /api/previews`, as Telepath.Core's `PreviewCreation` sends it (snake_case). Everything is
/// nullable so that a missing field gets its own error rather than a bare 400 from the binder.
/// </summary>
public sealed record PreviewCreationRequest(
    string? InterceptId,
    string? InterceptName,
    string? Workload,
    string? Namespace,
    string? HeaderName,
    string? HeaderValue,
    string? IngressHost,
    int? IngressPort,
    bool? IngressTls,
    string? IngressL5Host,
    bool? Public);
