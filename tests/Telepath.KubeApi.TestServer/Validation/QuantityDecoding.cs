using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// A quantity that does not parse ("10 m", "1K") fails when kube-apiserver decodes the body into
/// its typed object, before any validation: 400 BadRequest, "... cannot be handled as a
/// Deployment: quantities must match ...". (A JSON patch that produces one gets a 422 on the field
/// "patch" there; here every write gets the 400.)
/// </summary>
public static class QuantityDecoding
{
    public static void Check(ResourceType type, JsonObject obj)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            return;
        }

        var error = PodSpecs.Containers(spec, path)
            .SelectMany(c => new[] { "limits", "requests" }.Select(list => c.Container.At($"resources.{list}")))
            .OfType<JsonObject>()
            .SelectMany(map => map.Select(p => Quantity.Parse(p.Value).Error))
            .FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            throw StatusObjects.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {error}");
        }
    }
}
