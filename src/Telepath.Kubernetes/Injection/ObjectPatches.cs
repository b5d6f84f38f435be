using k8s.Models;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// JSON patches (RFC 6902) that take a live object to a planned one, touching only a workload's
/// <c>spec.template</c> and annotations, or a Service's <c>spec.ports</c> and annotations. Each
/// starts by testing the resourceVersion the plan was made from, so a change made in between
/// fails the patch (422) instead of being overwritten; the caller reads again and plans again.
/// </summary>
public static class ObjectPatches
{
    public static V1Patch? Workload(Workload live, Workload planned) => Build(
        live.Metadata.ResourceVersion,
        ("/spec/template", live.Template, planned.Template),
        ("/metadata/annotations", live.Metadata.Annotations, planned.Metadata.Annotations));

    public static V1Patch? Service(V1Service live, V1Service planned) => Build(
        live.Metadata.ResourceVersion,
        ("/spec/ports", live.Spec.Ports, planned.Spec.Ports),
        ("/metadata/annotations", live.Metadata.Annotations, planned.Metadata.Annotations));

    private static V1Patch? Build(string? resourceVersion, params (string Path, object? Before, object? After)[] parts)
    {
        var builder = new JsonPatchBuilder();
        if (resourceVersion is { Length: > 0 })
        {
            builder.Test("/metadata/resourceVersion", resourceVersion);
        }

        var tests = builder.Count;
        foreach (var (path, before, after) in parts)
        {
            builder.Diff(path, Node(before), Node(after));
        }

        return builder.Count == tests ? null : new V1Patch(builder.Build().ToJsonString(), V1Patch.PatchType.JsonPatch);
    }

    // An empty map or list is what the API server stores as absent.
    private static System.Text.Json.Nodes.JsonNode? Node(object? value) => value switch
    {
        null => null,
        System.Collections.ICollection { Count: 0 } => null,
        _ => KubeJson.ToNode(value),
    };
}
