using System.Reflection;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer(MostTestsFirstOrderer.TypeName, MostTestsFirstOrderer.AssemblyName)]

namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Starts the test classes with the most tests first. Each test here brings a cluster of its own, so a
/// class takes about as long as its tests together, and its tests run one after another: started
/// last (xunit's own order), the longest class ran on alone for the last minute while the other
/// threads had nothing left to do. Longest first, the short ones fill the threads at the end.
/// </summary>
public sealed class MostTestsFirstOrderer : ITestCollectionOrderer
{
    public const string TypeName = "Telepath.Kubernetes.EndToEnd.Tests.Infrastructure.MostTestsFirstOrderer";

    public const string AssemblyName = "Telepath.Kubernetes.EndToEnd.Tests";

    private const string ClassCollectionPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderByDescending(TestCount)
            .ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);

    private static int TestCount(ITestCollection collection)
    {
        var assembly = ((IReflectionAssemblyInfo)collection.TestAssembly.Assembly).Assembly;
        var classes = collection.CollectionDefinition is null && collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal)
            ? assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..]) is { } type ? [type] : Array.Empty<Type>()
            : assembly.GetTypes().Where(type => InCollection(type, collection.DisplayName)).ToArray();
        return classes.Sum(type => type.GetMethods().Count(method => method.GetCustomAttributes<FactAttribute>(inherit: true).Any()));
    }

    private static bool InCollection(Type type, string name) =>
        type.GetCustomAttributesData().Any(attribute =>
            attribute.AttributeType == typeof(CollectionAttribute) &&
            attribute.ConstructorArguments is [{ Value: string named }] &&
            named == name);
}
