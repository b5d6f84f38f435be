using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Http;

namespace Telepath.KubeApi.TestServer.Patching;

/// <summary>Picks the patch algorithm from the request's Content-Type, as kube-apiserver does.</summary>
public static class PatchApplier
{
    public static JsonObject Apply(string? contentType, JsonObject current, JsonNode patch)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        JsonNode? result = mediaType switch
        {
            "application/json-patch+json" => JsonPatch.Apply(current, patch as JsonArray
                ?? throw StatusObjects.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch")),
            "application/merge-patch+json" => MergePatch.Apply(current, patch),
            "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(current, patch as JsonObject
                ?? throw StatusObjects.BadRequest("the patch is not a JSON object")),
            _ => throw StatusObjects.UnsupportedMediaType(contentType ?? ""),
        };
        return result as JsonObject ?? throw PatchFailure.Invalid("the patch did not produce an object");
    }
}
