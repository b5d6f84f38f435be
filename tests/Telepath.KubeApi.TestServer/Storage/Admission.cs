using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Defaulting;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Validation;

namespace Telepath.KubeApi.TestServer.Storage;

/// <summary>What every write goes through before it is stored: decoding checks, defaulting, then validation.</summary>
public sealed class Admission(IReadOnlyList<IDefaulter> defaulters, ObjectValidator validator)
{
    public static Admission CreateDefault() => new(
        [new PodSpecDefaults(), new WorkloadDefaults(), new ServiceDefaults(), new NamespaceDefaults()],
        ObjectValidator.Default);

    public void Admit(ResourceType type, JsonObject obj, JsonObject? old)
    {
        QuantityDecoding.Check(type, obj);
        foreach (var defaulter in defaulters)
        {
            defaulter.Apply(type, obj, old);
        }

        validator.Validate(type, obj, old);
    }
}
