using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Discovery;

/// <summary>
/// The legacy (unaggregated) discovery documents. kubectl asks for aggregated discovery first
/// (<c>Accept: ...;as=APIGroupDiscoveryList</c>) and falls back to these when it gets plain JSON.
/// </summary>
public static class DiscoveryDocuments
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0",
            ["serverAddress"] = serverAddress,
        }),
    };

    public static JsonObject Groups(ServedResources served) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(served.All.Where(t => t.Group.Length > 0)
            .Select(t => t.Group).Distinct().Select(g => (JsonNode)Group(served, g)!).ToArray()),
    };

    public static JsonObject? Group(ServedResources served, string group)
    {
        var version = served.All.FirstOrDefault(t => t.Group == group)?.Version;
        if (version is null)
        {
            return null;
        }

        JsonObject Ref() => new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(Ref()),
            ["preferredVersion"] = Ref(),
        };
    }

    public static JsonObject? Resources(ServedResources served, string groupVersion)
    {
        var types = served.All.Where(t => t.GroupVersion == groupVersion).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var t in types)
        {
            resources.Add(Resource(t.Plural, t, t.Singular, t.CreateOnly ? ["create"] : AllVerbs, t.ShortNames));
            if (t.HasStatus)
            {
                resources.Add(Resource($"{t.Plural}/status", t, "", ["get", "patch", "update"], []));
            }

            if (t == ResourceCatalog.Pods)
            {
                resources.Add(Resource("pods/portforward", t, "", ["create", "get"], [], "PodPortForwardOptions"));
            }

            if (t == ResourceCatalog.ServiceAccounts)
            {
                var token = Resource("serviceaccounts/token", t, "", ["create"], [], "TokenRequest");
                token.Insert(3, "group", "authentication.k8s.io");
                token.Insert(4, "version", "v1");
                resources.Add(token);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = groupVersion,
            ["resources"] = resources,
        };
    }

    private static JsonObject Resource(string name, ResourceType t, string singular, IEnumerable<string> verbs, IEnumerable<string> shortNames, string? kind = null)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = singular,
            ["namespaced"] = t.Namespaced,
            ["kind"] = kind ?? t.Kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
        };
        if (shortNames.Any())
        {
            resource["shortNames"] = new JsonArray(shortNames.Select(s => (JsonNode)s).ToArray());
        }

        if (singular.Length > 0 && (t.HasGeneration || t == ResourceCatalog.Pods || t == ResourceCatalog.Services))
        {
            resource["categories"] = new JsonArray("all");
        }

        return resource;
    }
}
