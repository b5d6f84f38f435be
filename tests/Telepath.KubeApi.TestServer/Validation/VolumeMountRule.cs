using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// Every volumeMount names a volume of the pod and has a mountPath, unique within its container:
/// an injected sidecar that mounts a volume the patch forgot is refused here, as in a cluster.
/// </summary>
public sealed class VolumeMountRule : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            yield break;
        }

        var volumes = spec.Array("volumes").Select(v => v.Str("name")).OfType<string>().ToHashSet();
        foreach (var (container, at) in PodSpecs.Containers(spec, path))
        {
            var mountPaths = new HashSet<string>();
            var i = 0;
            foreach (var mount in container.Array("volumeMounts"))
            {
                var mountAt = $"{at}.volumeMounts[{i++}]";
                var name = mount.Str("name") ?? "";
                if (name.Length == 0)
                {
                    yield return FieldError.Required($"{mountAt}.name");
                }

                if (!volumes.Contains(name))
                {
                    yield return FieldError.NotFound($"{mountAt}.name", name);
                }

                var mountPath = mount.Str("mountPath") ?? "";
                if (mountPath.Length == 0)
                {
                    yield return FieldError.Required($"{mountAt}.mountPath");
                }

                if (!mountPaths.Add(mountPath))
                {
                    yield return FieldError.Invalid($"{mountAt}.mountPath", mountPath, "must be unique");
                }
            }
        }
    }
}
