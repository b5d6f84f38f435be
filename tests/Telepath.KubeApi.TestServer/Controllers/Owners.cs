using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>ownerReferences as controllers write and read them.</summary>
internal static class Owners
{
    public static JsonArray ControllerReference(JsonObject owner) => new(new JsonObject
    {
        ["apiVersion"] = owner.Str("apiVersion"),
        ["kind"] = owner.Str("kind"),
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    });

    public static bool IsOwnedBy(JsonObject obj, string ownerUid) =>
        obj.Array("metadata.ownerReferences").Any(r => r.Str("uid") == ownerUid);

    public static bool IsReady(JsonObject pod) =>
        pod.Array("status.conditions").Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");

    /// <summary>Sets a map of numbers, leaving out zeros the way Go's omitempty does.</summary>
    public static JsonObject Counts(params (string Name, long Value)[] counts)
    {
        var result = new JsonObject();
        foreach (var (name, value) in counts.Where(c => c.Value != 0))
        {
            result[name] = value;
        }

        return result;
    }
}
