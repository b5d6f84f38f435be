using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Validation;

public sealed class ContainerPortRange : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            yield break;
        }

        foreach (var (container, at) in PodSpecs.Containers(spec, path))
        {
            var i = 0;
            foreach (var port in container.Array("ports"))
            {
                var value = port?["containerPort"];
                if (!PortNumbers.InRange(value))
                {
                    yield return FieldError.Invalid($"{at}.ports[{i}].containerPort", value, PortNumbers.RangeMessage);
                }

                i++;
            }
        }
    }
}
