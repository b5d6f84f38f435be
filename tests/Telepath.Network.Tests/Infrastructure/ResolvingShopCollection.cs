namespace Telepath.Network.Tests.Infrastructure;

/// <summary>
/// The test classes whose tests each bring their own laptop and put it back: they share one cluster
/// (building a topology is the slow part) and run one after another, never two laptops at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ResolvingShopCollection : ICollectionFixture<ResolvingShopFixture>
{
    public const string Name = "resolving shop";
}
