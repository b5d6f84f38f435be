using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation;

namespace Telepath.KubeApi.TestServer.Defaulting;

/// <summary>The pod spec and container defaults every pod and pod template gets.</summary>
public sealed class PodSpecDefaults : IDefaulter
{
    public void Apply(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            return;
        }

        spec.Set("restartPolicy", "Always");
        spec.Set("terminationGracePeriodSeconds", 30);
        spec.Set("dnsPolicy", "ClusterFirst");
        spec.Set("securityContext", new JsonObject());
        spec.Set("schedulerName", "default-scheduler");
        foreach (var (container, _) in PodSpecs.Containers(spec, path))
        {
            container.Set("resources", new JsonObject());
            container.Set("terminationMessagePath", "/dev/termination-log");
            container.Set("terminationMessagePolicy", "File");
            container.Set("imagePullPolicy", PullPolicy(container.Str("image") ?? ""));
            foreach (var port in container.Array("ports").OfType<JsonObject>())
            {
                port.Set("protocol", "TCP");
            }
        }
    }

    // Kubernetes pulls ":latest" and untagged images always, tagged ones if not present.
    private static string PullPolicy(string image)
    {
        var lastPart = image[(image.LastIndexOf('/') + 1)..];
        return image.Contains('@') || (lastPart.Contains(':') && !lastPart.EndsWith(":latest", StringComparison.Ordinal))
            ? "IfNotPresent"
            : "Always";
    }
}
