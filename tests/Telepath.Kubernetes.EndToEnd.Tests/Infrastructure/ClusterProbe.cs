using System.Net;
using k8s;

namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>Calls a workload as its Service routes: to the port the Service's targetPort names on the pod's address.</summary>
public static class ClusterProbe
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <returns>Who answered GET /whoami/ ("cluster" or "laptop"), or the failure.</returns>
    public static async Task<string> WhoAnswersAsync(IKubernetes client, string workload)
    {
        try
        {
            var endpoint = await ServiceEndpointAsync(client, workload);
            return await Http.GetStringAsync($"http://{endpoint}/whoami/");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return $"(failed: {e.Message})";
        }
    }

    /// <summary>The Ready pod's address and the container port the Service's targetPort resolves to, as kube-proxy does.</summary>
    public static async Task<IPEndPoint> ServiceEndpointAsync(IKubernetes client, string workload)
    {
        var service = await client.CoreV1.ReadNamespacedServiceAsync(workload, "default");
        var target = service.Spec.Ports[0].TargetPort.Value;
        var pods = await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: $"app={workload}");
        var pod = pods.Items.FirstOrDefault(p => p.Metadata.DeletionTimestamp is null
            && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            ?? throw new InvalidOperationException($"no ready pod of {workload}");
        var port = int.TryParse(target, out var number)
            ? number
            : pod.Spec.Containers.SelectMany(c => c.Ports ?? []).First(p => p.Name == target).ContainerPort;
        return new IPEndPoint(IPAddress.Parse(pod.Status.PodIP), port);
    }
}
