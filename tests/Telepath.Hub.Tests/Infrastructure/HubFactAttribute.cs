using Xunit.Abstractions;
using Xunit.Sdk;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>
/// A fact of a hub test class. The same abstract class runs once per database; the PostgreSQL subclass
/// (<see cref="OnPostgresAttribute"/>) is skipped, with the reason, where no server is given.
/// </summary>
[XunitTestCaseDiscoverer("Telepath.Hub.Tests.Infrastructure.HubFactDiscoverer", "Telepath.Hub.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class HubFactAttribute : FactAttribute;

public sealed class HubFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public const string SkipReason =
        $"needs a PostgreSQL server: set {TestDatabase.PostgresVariable} to a connection string of a user that may create databases (.ci/run starts one)";

    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var onPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(OnPostgresAttribute).AssemblyQualifiedName).Any();
        if (onPostgres && TestDatabase.PostgresConnectionString is null)
        {
            return new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                SkipReason);
        }

        return base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }
}
