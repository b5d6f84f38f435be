using k8s.Models;

namespace Telepath.Kubernetes.Workloads;

/// <summary>What an intercept is about: the workload, the Service that routes to it and which of its ports.</summary>
public sealed record InterceptTarget(Workload Workload, V1Service Service, V1ServicePort Port);
