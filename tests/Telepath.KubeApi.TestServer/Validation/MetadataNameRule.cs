using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>Names must be RFC 1123 subdomains (RBAC names are looser, as in Kubernetes, and are skipped).</summary>
public sealed partial class MetadataNameRule : IValidationRule
{
    private const string Detail =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var name = obj.Name();
        if (name.Length == 0)
        {
            yield return FieldError.Required("metadata.name", "name or generateName is required");
        }
        else if (type.Group != "rbac.authorization.k8s.io" && (name.Length > 253 || !Subdomain().IsMatch(name)))
        {
            yield return FieldError.Invalid("metadata.name", name, Detail);
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
