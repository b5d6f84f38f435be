using System.Text.Json.Nodes;
using k8s.Models;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Tests.Infrastructure;

namespace Telepath.Kubernetes.Tests.Injection;

internal static class InjectionAssert
{
    /// <summary>Applying the patch to the object gives the planned object, field by field.</summary>
    public static JsonNode PatchGives(object before, V1Patch? patch, object planned)
    {
        Assert.NotNull(patch);
        Assert.Equal(V1Patch.PatchType.JsonPatch, patch.Type);
        var patched = JsonPatchApplier.Apply(KubeJson.ToNode(before), (JsonArray)JsonNode.Parse((string)patch.Content)!);
        SameJson(KubeJson.ToNode(planned), patched);
        return patched;
    }

    public static void SameJson(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected\n{expected.ToJsonString()}\nactual\n{actual.ToJsonString()}");

    /// <summary>Every path the patch writes lies under one of these.</summary>
    public static void TouchesOnly(V1Patch patch, params string[] prefixes)
    {
        foreach (var operation in (JsonArray)JsonNode.Parse((string)patch.Content)!)
        {
            var path = (string)operation!["path"]!;
            if ((string)operation["op"]! == "test")
            {
                continue;
            }

            Assert.Contains(prefixes, prefix => path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal));
        }
    }
}
