using System.Text.RegularExpressions;
using k8s.Autorest;
using Telepath.Core;

namespace Telepath.Kubernetes.Errors;

/// <summary>
/// Turns a 403 into the one line a user can take to their cluster admin: the verb, the resource
/// and the namespace that were refused, taken from the server's Status when it says them.
/// </summary>
public static partial class Forbidden
{
    /// <param name="verb">What the call tried ("patch"), used when the Status does not say.</param>
    /// <param name="resource">The resource with its group ("deployments.apps", "services").</param>
    /// <param name="namespace">The namespace of the call; null for cluster-scoped resources.</param>
    public static UserErrorException ToUserError(HttpOperationException e, string verb, string resource, string? @namespace)
    {
        var status = KubeStatus.Read(e);
        var message = status?.Message ?? "";
        var said = Refusal().Match(message);
        if (said.Success)
        {
            verb = said.Groups["verb"].Value;
            var group = said.Groups["group"].Value;
            resource = group.Length > 0 ? $"{said.Groups["resource"].Value}.{group}" : said.Groups["resource"].Value;
        }
        else if (status?.Details is { Kind: { Length: > 0 } kind } details)
        {
            resource = string.IsNullOrEmpty(details.Group) ? kind : $"{kind}.{details.Group}";
        }

        var where = NamespaceOf().Match(message) is { Success: true } inNamespace ? inNamespace.Groups[1].Value : @namespace;
        var plural = resource.Split('.')[0];
        var scope = where is null ? "cluster-wide" : $"in namespace \"{where}\"";
        return new UserErrorException(
            $"you are not allowed to {verb} {plural} {scope} (forbidden): ask your cluster admin for '{verb}' on {resource}");
    }

    // The API server's wording: User "bob" cannot patch resource "deployments" in API group "apps" in the namespace "default"
    [GeneratedRegex("cannot (?<verb>[a-z]+) resource \"(?<resource>[a-z0-9.-]+)\" in API group \"(?<group>[a-z0-9.-]*)\"")]
    private static partial Regex Refusal();

    [GeneratedRegex("in the namespace \"([a-z0-9-]+)\"")]
    private static partial Regex NamespaceOf();
}
