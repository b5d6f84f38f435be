namespace Telepath.TrafficManager.Tests.Auth;

/// <summary>Tests that measure the whole process (its allocations) run after the others, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "measured alone";
}
