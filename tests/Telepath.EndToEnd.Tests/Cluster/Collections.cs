namespace Telepath.EndToEnd.Tests.Cluster;

// Tests of one collection share one cluster and run one after another, since they intercept the same
// workload. The collections run in parallel, each on a cluster of its own.

/// <summary>Where traffic goes: intercepts, protocols, bodies.</summary>
[CollectionDefinition(Name)]
public sealed class RoutingCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "routing";
}

/// <summary>What is refused, with which message.</summary>
[CollectionDefinition(Name)]
public sealed class RefusalsCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "refusals";
}

/// <summary>Processes that die: a laptop's daemon, the manager.</summary>
[CollectionDefinition(Name)]
public sealed class FailuresCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "failures";
}

/// <summary>The data plane under load and failure: large transfers, processes killed or frozen mid-transfer, many connections.</summary>
[CollectionDefinition(Name)]
public sealed class DataPlaneCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "data plane";
}
