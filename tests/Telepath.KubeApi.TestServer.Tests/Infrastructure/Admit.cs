using System.Text.Json.Nodes;
using k8s;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Tests.Infrastructure;

/// <summary>
/// An object through the server's admission as a create sends it (decoding checks, defaults,
/// validation), without a server: the validation tests are about messages, not HTTP.
/// </summary>
internal static class Admit
{
    public static void Accepts(ResourceType type, object obj) => Admission.CreateDefault().Admit(type, ToJson(obj), null);

    /// <summary>The one-line message of the refusal, "Deployment.apps "x" is invalid: ...".</summary>
    public static string Refuses(ResourceType type, object obj, int code = 422)
    {
        var refusal = Assert.Throws<KubeStatusException>(() => Accepts(type, obj));
        Assert.Equal(code, refusal.Code);
        return refusal.Message;
    }

    private static JsonObject ToJson(object obj) =>
        obj as JsonObject ?? (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(obj))!;
}
