using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// The name rule of each kind, as its validation calls it: Namespaces are DNS-1123 labels, Services
/// DNS-1035 labels (they become DNS names and environment variables), RBAC objects only path segments
/// ("system:controller:x" is fine), everything else DNS-1123 subdomains.
/// </summary>
public sealed class MetadataNameRule : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var name = obj.Name();
        if (name.Length == 0)
        {
            return [FieldError.Required("metadata.name", "name or generateName is required")];
        }

        var messages = type == ResourceCatalog.Namespaces ? DnsNames.Label(name)
            : type == ResourceCatalog.Services ? DnsNames.Dns1035Label(name)
            : type.Group == "rbac.authorization.k8s.io" ? PathSegmentNames.Check(name)
            : DnsNames.Subdomain(name);
        return FieldError.InvalidEach("metadata.name", name, messages);
    }
}
