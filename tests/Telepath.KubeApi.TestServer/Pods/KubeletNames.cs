namespace Telepath.KubeApi.TestServer.Pods;

internal static class KubeletNames
{
    /// <summary>The one node every pod is scheduled on.</summary>
    public const string NodeName = "telepath-test-node";
}
