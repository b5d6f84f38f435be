using Telepath.Network.Tests.Infrastructure;
using Telepath.Network.Tests.Outbound;
using Telepath.Network.Tests.Topology;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer(LongestFirstOrderer.TypeName, LongestFirstOrderer.AssemblyName)]

namespace Telepath.Network.Tests.Infrastructure;

/// <summary>
/// Starts the collections that take longest first (their tests run one after another, after their
/// topology is built), the rest after them as discovered. In xunit's own order the resolving
/// shop's classes came last and ran on alone for over a minute while the other thread was idle.
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    public const string TypeName = "Telepath.Network.Tests.Infrastructure.LongestFirstOrderer";

    public const string AssemblyName = "Telepath.Network.Tests";

    /// <summary>Longest first, as a CI run's TRX files showed them (the tests' durations together).</summary>
    private static readonly string[] Longest =
    [
        ClassCollection<ResolvedSplitDnsTests>(),
        ResolvingShopCollection.Name,
        ClassCollection<ClusterLossTests>(),
        ClassCollection<TopologyFaithfulnessTests>(),
        ClassCollection<TransparentOutboundTests>(),
        ClassCollection<TransparentBulkTransferTests>(),
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank);

    private static int Rank(ITestCollection collection) =>
        Array.IndexOf(Longest, collection.DisplayName) is var rank and >= 0 ? rank : Longest.Length;

    /// <summary>The name xunit gives the collection of a class that names none.</summary>
    private static string ClassCollection<T>() => $"Test collection for {typeof(T).FullName}";
}
