using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Discovery;

/// <summary>
/// What one server serves of <see cref="ResourceCatalog"/>, and the Kubernetes version it claims to
/// be: 1.33 (networking.k8s.io/v1 ServiceCIDRs, GA there) or, without ServiceCIDRs, 1.32.
/// A resource not served is a 404 in discovery and on its paths, as on a server of that version.
/// </summary>
public sealed class ServedResources
{
    private ServedResources(bool serviceCidrs)
    {
        ServiceCidrs = serviceCidrs;
        All = [.. ResourceCatalog.All.Where(t => serviceCidrs || t != ResourceCatalog.ServiceCidrs)];
    }

    public IReadOnlyList<ResourceType> All { get; }

    public bool ServiceCidrs { get; }

    public IEnumerable<string> GroupVersions => All.Select(t => t.GroupVersion).Distinct();

    public static ServedResources For(KubeApiServerOptions options) => new(options.ServeServiceCidrs);

    public bool Serves(ResourceType type) => All.Contains(type);

    /// <summary>The <c>/version</c> document of the release this server plays.</summary>
    public JsonObject Version() => ServiceCidrs
        ? new JsonObject
        {
            ["major"] = "1",
            ["minor"] = "33",
            ["emulationMajor"] = "1",
            ["emulationMinor"] = "33",
            ["minCompatibilityMajor"] = "1",
            ["minCompatibilityMinor"] = "32",
            ["gitVersion"] = "v1.33.0",
            ["gitCommit"] = "60a317eadfcb839692a68eab88b2096f4d708f4f",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2025-04-23T13:00:14Z",
            ["goVersion"] = "go1.24.2",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        }
        : new JsonObject
        {
            ["major"] = "1",
            ["minor"] = "32",
            ["gitVersion"] = "v1.32.0",
            ["gitCommit"] = "70d3cc986aa8221cd1dfb1121852688902d3bf53",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2024-12-11T17:59:15Z",
            ["goVersion"] = "go1.23.3",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
}
