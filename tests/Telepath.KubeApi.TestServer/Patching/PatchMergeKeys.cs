using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Patching;

/// <summary>
/// The <c>patchMergeKey</c> struct tags of the Kubernetes types this server serves, by field name.
/// Lists without one are replaced whole, as in Kubernetes (args, command, tolerations, rules...).
/// </summary>
internal static class PatchMergeKeys
{
    private static readonly Dictionary<string, string> ByField = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["imagePullSecrets"] = "name",
        ["resourceClaims"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["hostAliases"] = "ip",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["topologySpreadConstraints"] = "topologyKey",
    };

    // Lists of strings with patchStrategy "merge": patches add to them instead of replacing.
    private static readonly HashSet<string> MergedPrimitiveLists = new(StringComparer.Ordinal) { "finalizers" };

    public static string? For(string field, JsonArray? target, JsonArray patch)
    {
        if (field == "ports")
        {
            // Container ports merge on containerPort, Service ports on port.
            var sample = patch.Concat(target ?? []).OfType<JsonObject>().FirstOrDefault();
            return sample is not null && sample.ContainsKey("containerPort") ? "containerPort" : "port";
        }

        return ByField.GetValueOrDefault(field);
    }

    public static bool IsMergedPrimitiveList(string field) => MergedPrimitiveLists.Contains(field);
}
