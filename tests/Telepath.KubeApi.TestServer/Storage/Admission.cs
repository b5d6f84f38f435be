using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Allocation;
using Telepath.KubeApi.TestServer.Defaulting;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Validation;

namespace Telepath.KubeApi.TestServer.Storage;

/// <summary>
/// What every write goes through before it is stored: decoding checks, defaulting, the Service
/// storage's cluster IP allocation, then validation.
/// </summary>
public sealed class Admission(IReadOnlyList<IDefaulter> defaulters, ClusterIpAllocator allocator, ObjectValidator validator)
{
    /// <param name="ranges">Where cluster IPs come from; null: 10.96.0.0/12, nothing allocated yet.</param>
    public static Admission CreateDefault(ServiceRanges? ranges = null) => new(
        [new PodSpecDefaults(), new PodServiceAccountDefaults(), new WorkloadDefaults(), new ServiceDefaults(), new NamespaceDefaults(), new NetworkPolicyDefaults()],
        new ClusterIpAllocator(ranges ?? ServiceRanges.Default),
        ObjectValidator.Default);

    /// <param name="dryRun">A <c>dryRun=All</c> create: everything is checked, nothing will be stored.</param>
    public void Admit(ResourceType type, JsonObject obj, JsonObject? old, bool dryRun = false)
    {
        QuantityDecoding.Check(type, obj);
        foreach (var defaulter in defaulters)
        {
            defaulter.Apply(type, obj, old);
        }

        allocator.Apply(type, obj, old, dryRun);
        validator.Validate(type, obj, old);
    }
}
