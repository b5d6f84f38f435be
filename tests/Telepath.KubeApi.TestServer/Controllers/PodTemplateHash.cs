using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>
/// The <c>pod-template-hash</c>: FNV-32a of the template, its decimal form encoded with
/// apimachinery's safe alphabet, as the deployment controller names ReplicaSets. The hash is over
/// canonical JSON (sorted keys), so reordered but equal templates reuse the same ReplicaSet.
/// </summary>
public static class PodTemplateHash
{
    private const string Alphanums = "bcdfghjklmnpqrstvwxz2456789";

    public static string Of(JsonNode? template)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(Canonical(template)))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return new string(hash.ToString().Select(c => Alphanums[c % Alphanums.Length]).ToArray());
    }

    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Where(p => p.Value is not null)
            .Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
