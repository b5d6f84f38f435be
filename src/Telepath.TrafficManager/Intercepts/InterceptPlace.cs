namespace Telepath.TrafficManager.Intercepts;

/// <summary>An intercept's id and the workload it is on.</summary>
public sealed record InterceptPlace(string Id, string Workload, string Namespace);
