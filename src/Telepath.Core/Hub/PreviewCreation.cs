using System.Text.Json.Serialization;

namespace Telepath.Core.Hub;

/// <summary>What <c>POST /api/previews</c> takes: the intercept, the header the hub adds, and the ingress it forwards to.</summary>
public sealed record PreviewCreation(
    [property: JsonPropertyName("interceptId")] string InterceptId,
    [property: JsonPropertyName("interceptName")] string InterceptName,
    [property: JsonPropertyName("workload")] string Workload,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("headerName")] string HeaderName,
    [property: JsonPropertyName("headerValue")] string HeaderValue,
    [property: JsonPropertyName("ingressHost")] string IngressHost,
    [property: JsonPropertyName("ingressPort")] int IngressPort,
    [property: JsonPropertyName("ingressTls")] bool IngressTls,
    [property: JsonPropertyName("ingressL5Host")] string IngressL5Host,
    [property: JsonPropertyName("public")] bool Public);
