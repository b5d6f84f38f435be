namespace Telepath.Bench.Kube;

/// <summary>One line of the Kubernetes table: what was timed, its samples, and the aim for it when it has one.</summary>
internal sealed record KubeTiming(string What, TimingSeries Series, TimeSpan? Aim = null);
