using System.Text.Json.Nodes;
using k8s;

namespace Telepath.Kubernetes.Json;

/// <summary>The client's own JSON shape of its models, as JsonNodes for comparing and patching.</summary>
public static class KubeJson
{
    public static JsonNode ToNode(object value) =>
        JsonNode.Parse(KubernetesJson.Serialize(value)) ?? throw new InvalidOperationException("serialized to null");

    public static T FromNode<T>(JsonNode node) => KubernetesJson.Deserialize<T>(node.ToJsonString());

    /// <summary>A deep copy through JSON, so a plan never edits the object it was given.</summary>
    public static T Clone<T>(T value) where T : notnull => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));

    /// <summary>True when both serialize to the same JSON, field by field.</summary>
    public static bool SameJson(object? a, object? b) =>
        JsonNode.DeepEquals(a is null ? null : ToNode(a), b is null ? null : ToNode(b));
}
