using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>A Role's or ClusterRole's rules: verbs always; apiGroups and resources unless the rule is for non-resource URLs.</summary>
public sealed class PolicyRulesRule : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.Roles && type != ResourceCatalog.ClusterRoles)
        {
            yield break;
        }

        var i = 0;
        foreach (var rule in obj.Array("rules"))
        {
            var at = $"rules[{i++}]";
            if (rule.Array("verbs").Count == 0)
            {
                yield return FieldError.Required($"{at}.verbs", "verbs must contain at least one value");
            }

            if (rule.Array("nonResourceURLs") is { Count: > 0 } urls)
            {
                if (type == ResourceCatalog.Roles)
                {
                    yield return NonResourceUrls(at, urls, "namespaced rules cannot apply to non-resource URLs");
                }

                if (rule.Array("apiGroups").Count + rule.Array("resources").Count + rule.Array("resourceNames").Count > 0)
                {
                    yield return NonResourceUrls(at, urls, "rules cannot apply to both regular resources and non-resource URLs");
                }

                continue;
            }

            if (rule.Array("apiGroups").Count == 0)
            {
                yield return FieldError.Required($"{at}.apiGroups", "resource rules must supply at least one api group");
            }

            if (rule.Array("resources").Count == 0)
            {
                yield return FieldError.Required($"{at}.resources", "resource rules must supply at least one resource");
            }
        }
    }

    // Go prints the []string value with %#v.
    private static FieldError NonResourceUrls(string at, JsonArray urls, string detail) =>
        new($"{at}.nonResourceURLs", "FieldValueInvalid",
            $"Invalid value: []string{{{string.Join(", ", urls.Select(u => $"\"{(string?)u}\""))}}}: {detail}");
}
