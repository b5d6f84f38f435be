using Telepath.KubeApi.TestServer.Discovery;

namespace Telepath.KubeApi.TestServer.Auth;

/// <summary>What the authorizer looks at, named as in Kubernetes' <c>authorizer.Attributes</c>.</summary>
public sealed record RequestAttributes(string User, string Verb, ResourceType Type, string? Subresource, string? Namespace, string? Name)
{
    public string ResourceWithSubresource => Subresource is null ? Type.Plural : $"{Type.Plural}/{Subresource}";
}
