using System.Globalization;
using System.Net;
using k8s;
using Telepath.Kubernetes.Testing.Workloads;

namespace Telepath.Kubernetes.Testing.Services;

/// <summary>
/// Calls a workload of the default namespace as its Service routes a caller, as kube-proxy would:
/// to the Ready pod's address and the container port the Service's targetPort names.
/// </summary>
public static class ClusterProbe
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <returns>Who answered GET /whoami/ ("cluster" or "laptop"), or why nobody did, for a failure message.</returns>
    public static async Task<string> WhoAnswersAsync(IKubernetes client, string workload, CancellationToken cancellationToken = default)
    {
        try
        {
            var endpoint = await ServiceEndpointAsync(client, workload, cancellationToken);
            return await s_http.GetStringAsync($"http://{endpoint}/whoami/", cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "(no answer within 5 s)";
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
        {
            return $"(failed: {e.Message})";
        }
    }

    /// <summary>The Ready pod's address and the container port the Service's targetPort resolves to, as kube-proxy does.</summary>
    /// <exception cref="InvalidOperationException">No pod is Ready, or none has the port.</exception>
    public static async Task<IPEndPoint> ServiceEndpointAsync(IKubernetes client, string workload, CancellationToken cancellationToken = default)
    {
        var service = await client.CoreV1.ReadNamespacedServiceAsync(workload, SampleWorkloads.Namespace, cancellationToken: cancellationToken);
        var target = service.Spec.Ports[0].TargetPort.Value;
        var pods = await client.CoreV1.ListNamespacedPodAsync(SampleWorkloads.Namespace, labelSelector: $"app={workload}", cancellationToken: cancellationToken);
        var pod = pods.Items.FirstOrDefault(p => p.Metadata.DeletionTimestamp is null
            && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        if (pod?.Status?.PodIP is not { } ip)
        {
            throw new InvalidOperationException($"no ready pod of {workload}");
        }

        var port = int.TryParse(target, CultureInfo.InvariantCulture, out var number)
            ? number
            : pod.Spec.Containers.SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == target)?.ContainerPort
                ?? throw new InvalidOperationException($"no container port {target} in the ready pod of {workload}");
        return new IPEndPoint(IPAddress.Parse(ip), port);
    }
}
