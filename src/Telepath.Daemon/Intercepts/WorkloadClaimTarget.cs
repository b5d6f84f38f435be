namespace Telepath.Daemon.Intercepts;

/// <summary>The workload a claim is written to, and under which annotation.</summary>
public sealed record WorkloadClaimTarget(string Kind, string Namespace, string Workload, string Annotation);
