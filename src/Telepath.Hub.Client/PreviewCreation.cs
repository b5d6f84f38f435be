using System.Text.Json.Serialization;

namespace Telepath.Hub.Client;

/// <summary>What <c>POST /api/previews</c> takes: the intercept, the header the hub adds, and the ingress it forwards to.</summary>
public sealed record PreviewCreation(
    [property: JsonPropertyName("intercept_id")] string InterceptId,
    [property: JsonPropertyName("intercept_name")] string InterceptName,
    [property: JsonPropertyName("workload")] string Workload,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("header_name")] string HeaderName,
    [property: JsonPropertyName("header_value")] string HeaderValue,
    [property: JsonPropertyName("ingress_host")] string IngressHost,
    [property: JsonPropertyName("ingress_port")] int IngressPort,
    [property: JsonPropertyName("ingress_tls")] bool IngressTls,
    [property: JsonPropertyName("ingress_l5_host")] string IngressL5Host,
    [property: JsonPropertyName("public")] bool Public);
