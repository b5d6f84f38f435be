using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Defaulting;

internal static class JsonDefaults
{
    public static void Set(this JsonObject obj, string name, JsonNode value)
    {
        if (obj[name] is null)
        {
            obj[name] = value;
        }
    }

    public static JsonObject Child(this JsonObject obj, string name)
    {
        if (obj[name] is JsonObject child)
        {
            return child;
        }

        child = new JsonObject();
        obj[name] = child;
        return child;
    }
}
