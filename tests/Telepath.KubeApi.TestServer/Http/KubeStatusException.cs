using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Http;

/// <summary>A failed request, carried to the HTTP layer as the Status object Kubernetes would send.</summary>
public sealed class KubeStatusException(int code, string reason, string message, JsonObject? details = null)
    : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public JsonObject ToStatus() => StatusObjects.Failure(Code, Reason, Message, Details);
}
