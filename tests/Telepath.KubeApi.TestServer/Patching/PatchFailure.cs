using Telepath.KubeApi.TestServer.Http;

namespace Telepath.KubeApi.TestServer.Patching;

internal static class PatchFailure
{
    /// <summary>What kube-apiserver answers when a patch cannot be applied to the object.</summary>
    public static KubeStatusException Invalid(string detail) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: {detail}");
}
