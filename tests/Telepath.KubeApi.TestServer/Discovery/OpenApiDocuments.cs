using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Discovery;

/// <summary>
/// Just enough OpenAPI v3 for kubectl: each PATCH operation names its kind and the
/// <c>fieldValidation</c> parameter, so kubectl trusts server-side validation instead of
/// downloading schemas. No request bodies are listed, so <c>kubectl apply</c> computes its
/// strategic merge patches from its built-in types.
/// </summary>
public static class OpenApiDocuments
{
    private const string Hash = "telepath-test";

    public static JsonObject Root(ServedResources served)
    {
        var paths = new JsonObject();
        foreach (var gv in served.GroupVersions)
        {
            var key = Prefix(gv);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document for <c>api/v1</c> or <c>apis/{group}/{version}</c>; null when unknown.</summary>
    public static JsonObject? GroupVersion(ServedResources served, string path)
    {
        // Reviews are never patched, so they have no path here; their group versions still have a document.
        var types = served.All.Where(t => Prefix(t.GroupVersion) == path).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var t in types.Where(t => !t.CreateOnly))
        {
            var scope = t.Namespaced ? "/namespaces/{namespace}" : "";
            paths[$"/{path}{scope}/{t.Plural}/{{name}}"] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{t.Kind}",
                    ["parameters"] = new JsonArray(
                        new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } },
                        new JsonObject { ["name"] = "fieldManager", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }),
                    ["responses"] = new JsonObject(),
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = t.Group, ["kind"] = t.Kind, ["version"] = t.Version },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = served.Version()["gitVersion"]!.DeepClone() },
            ["paths"] = paths,
            ["components"] = new JsonObject(),
        };
    }

    private static string Prefix(string groupVersion) => groupVersion.Contains('/') ? $"apis/{groupVersion}" : $"api/{groupVersion}";
}
