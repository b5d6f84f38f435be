using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>A container's environment as the kubelet resolves it: values, the downward API, secrets, config maps.</summary>
internal static class PodEnvironment
{
    public static IReadOnlyDictionary<string, string> Resolve(ObjectStore store, JsonObject pod, JsonObject container, IPAddress podIp)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["POD_IP"] = podIp.ToString(),
            ["POD_NAME"] = pod.Name(),
            ["POD_NAMESPACE"] = pod.Namespace(),
        };
        foreach (var item in container.Array("env").OfType<JsonObject>())
        {
            var name = item.Str("name") ?? "";
            var value = item.Str("value") ?? From(store, pod, item["valueFrom"] as JsonObject, podIp);
            if (value is not null)
            {
                env[name] = value;
            }
        }

        return env;
    }

    private static string? From(ObjectStore store, JsonObject pod, JsonObject? source, IPAddress podIp)
    {
        if (source?["fieldRef"]?.Str("fieldPath") is { } field)
        {
            return field switch
            {
                "status.podIP" => podIp.ToString(),
                "status.hostIP" => "127.0.0.1",
                "spec.nodeName" => KubeletNames.NodeName,
                _ => pod.At(field)?.GetValue<string>(),
            };
        }

        if (source?["secretKeyRef"] is JsonObject secretRef &&
            store.TryGet(ResourceCatalog.Secrets, pod.Namespace(), secretRef.Str("name") ?? "")?["data"]?.Str(secretRef.Str("key") ?? "") is { } encoded)
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }

        if (source?["configMapKeyRef"] is JsonObject mapRef)
        {
            return store.TryGet(ResourceCatalog.ConfigMaps, pod.Namespace(), mapRef.Str("name") ?? "")?["data"]?.Str(mapRef.Str("key") ?? "");
        }

        return null;
    }
}
