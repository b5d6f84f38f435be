using Telepath.KubeApi.TestServer.Discovery;

namespace Telepath.KubeApi.TestServer.Http;

/// <summary>A request path resolved to a resource: <c>/apis/apps/v1/namespaces/default/deployments/x/status</c>.</summary>
public sealed record ResourceRoute(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Resolves the segments after <c>/api/v1</c> or <c>/apis/{group}/{version}</c>; null when unknown.</summary>
    public static ResourceRoute? Parse(string group, string version, IReadOnlyList<string> rest)
    {
        if (rest.Count >= 3 && rest[0] == "namespaces" && ResourceCatalog.Find(group, version, rest[2]) is { Namespaced: true } nsType)
        {
            return Build(nsType, rest[1], rest.Skip(3).ToList());
        }

        if (rest.Count >= 1 && ResourceCatalog.Find(group, version, rest[0]) is { } type)
        {
            return Build(type, null, rest.Skip(1).ToList());
        }

        return null;
    }

    private static ResourceRoute? Build(ResourceType type, string? @namespace, IReadOnlyList<string> tail) =>
        tail.Count switch
        {
            0 => new ResourceRoute(type, @namespace, null, null),
            1 => new ResourceRoute(type, @namespace, tail[0], null),
            2 => new ResourceRoute(type, @namespace, tail[0], tail[1]),
            _ => null,
        };
}
