namespace Telepath.Kubernetes.Workloads;

/// <summary>The workloads whose pod template an agent can be injected into.</summary>
public enum WorkloadKind
{
    Deployment,
    ReplicaSet,
    StatefulSet,
}

public static class WorkloadKinds
{
    /// <summary>The REST resource, with its group, as RBAC names it ("deployments.apps").</summary>
    public static string Resource(this WorkloadKind kind) => kind switch
    {
        WorkloadKind.Deployment => "deployments.apps",
        WorkloadKind.ReplicaSet => "replicasets.apps",
        WorkloadKind.StatefulSet => "statefulsets.apps",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Lower case, for messages: "deployment \"orders\"".</summary>
    public static string Noun(this WorkloadKind kind) => kind.ToString().ToLowerInvariant();
}
