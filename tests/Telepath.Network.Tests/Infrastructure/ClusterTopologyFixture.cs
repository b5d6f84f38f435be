namespace Telepath.Network.Tests.Infrastructure;

/// <summary>One topology with its cluster, shared by a test class whose tests do not disturb each other.</summary>
public class ClusterTopologyFixture : IAsyncLifetime
{
    public NetworkTopology Topology { get; private set; } = null!;

    public TopologyCluster Cluster { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        if (NetnsFactAttribute.MissingReason is not null)
        {
            // Every test of the class is skipped with the reason; there is nothing to build.
            return;
        }

        Topology = await NetworkTopology.CreateAsync();
        try
        {
            Cluster = await TopologyCluster.StartAsync(Topology);
        }
        catch
        {
            await Topology.DisposeAsync();
            throw;
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Topology is not null)
        {
            await Topology.DisposeAsync();
        }
    }
}
