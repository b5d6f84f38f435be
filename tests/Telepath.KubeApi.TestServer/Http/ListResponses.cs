using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;

namespace Telepath.KubeApi.TestServer.Http;

internal static class ListResponses
{
    /// <summary>A <c>XList</c>; like kube-apiserver's JSON, items carry no kind or apiVersion of their own.</summary>
    public static JsonObject Build(ResourceType type, IEnumerable<JsonObject> items, long resourceVersion)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            item.Remove("kind");
            item.Remove("apiVersion");
            array.Add(item);
        }

        return new JsonObject
        {
            ["kind"] = type.Kind + "List",
            ["apiVersion"] = type.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString() },
            ["items"] = array,
        };
    }
}
