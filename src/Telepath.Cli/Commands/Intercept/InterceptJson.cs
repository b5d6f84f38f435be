using System.Text.Json.Nodes;
using Telepath.Cli.Output;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>The intercept as JSON, with its preview URL beside it when one was made.</summary>
internal static class InterceptJson
{
    public static string Format(InterceptInfo intercept, string previewUrl)
    {
        if (previewUrl.Length == 0)
        {
            return ProtoJson.Format(intercept);
        }

        var node = JsonNode.Parse(ProtoJson.Format(intercept))!.AsObject();
        node["previewUrl"] = previewUrl;
        return ProtoJson.Format(node);
    }
}
