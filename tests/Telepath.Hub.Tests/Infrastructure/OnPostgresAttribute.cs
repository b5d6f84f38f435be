namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>Marks a test class that runs against PostgreSQL: its <see cref="HubFactAttribute"/> tests skip unless TELEPATH_TEST_POSTGRES is set.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnPostgresAttribute : Attribute;
