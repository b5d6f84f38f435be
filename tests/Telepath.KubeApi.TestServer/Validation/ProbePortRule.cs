using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// A probe's httpGet or tcpSocket port is a number in 1..65535 or an IANA port name (which port
/// names the probes follow is what a port rename must get right).
/// </summary>
public sealed class ProbePortRule : IValidationRule
{
    private static readonly string[] Probes = ["livenessProbe", "readinessProbe", "startupProbe"];

    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            return [];
        }

        return from c in PodSpecs.Containers(spec, path)
               from probe in Probes
               from action in new[] { "httpGet", "tcpSocket" }
               let at = $"{c.Path}.{probe}.{action}.port"
               let port = c.Container.At($"{probe}.{action}")?["port"]
               where port is not null
               from error in PortNumberOrName.Check(at, port)
               select error;
    }
}
