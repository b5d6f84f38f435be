using k8s;
using Telepath.Kubernetes.Testing.Workloads;

namespace Telepath.Bench.Kube;

/// <summary>
/// The workload the section intercepts: Deployment and Service "orders" in default, one replica of
/// the sample app (run in this process by the simulated cluster), the Service's targetPort a
/// number, so the first intercept also patches the Service, the longer of the two injection paths.
/// </summary>
internal static class OrdersWorkload
{
    public const string Name = "orders";
    public const string Namespace = SampleWorkloads.Namespace;

    public static Task CreateAsync(IKubernetes client, CancellationToken cancellationToken) =>
        SampleWorkloads.CreateAsync(client, Name, $"{SampleWorkloads.AppPort}", cancellationToken: cancellationToken);
}
