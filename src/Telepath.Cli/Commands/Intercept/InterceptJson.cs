using System.Text.Json.Nodes;
using Telepath.Cli.Output;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>The intercept as JSON, with its preview URL and its volume mounts beside it when there are some.</summary>
internal static class InterceptJson
{
    public static string Format(InterceptInfo intercept, string previewUrl, MountInfo? mount = null)
    {
        if (previewUrl.Length == 0 && mount is null)
        {
            return ProtoJson.Format(intercept);
        }

        var node = JsonNode.Parse(ProtoJson.Format(intercept))!.AsObject();
        if (previewUrl.Length > 0)
        {
            node["previewUrl"] = previewUrl;
        }

        if (mount is not null)
        {
            node["mount"] = JsonNode.Parse(ProtoJson.Format(mount));
        }

        return ProtoJson.Format(node);
    }
}
