using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;

namespace Telepath.KubeApi.TestServer.Defaulting;

/// <summary>
/// Fills the fields kube-apiserver defaults, so objects read back look like a real cluster's
/// (code that saves and restores a spec must cope with them).
/// </summary>
public interface IDefaulter
{
    void Apply(ResourceType type, JsonObject obj, JsonObject? old);
}
