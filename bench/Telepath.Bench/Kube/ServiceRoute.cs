using System.Diagnostics;
using System.Net;
using k8s;

namespace Telepath.Bench.Kube;

/// <summary>
/// Asks the Service "orders" who answers, as kube-proxy would route a caller: to the Ready pod's
/// address and the container port the Service's targetPort names. A fast intercept that does not
/// route cannot pass for a measurement.
/// </summary>
internal static class ServiceRoute
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Waits until GET /whoami/ through the Service is answered by <paramref name="servedBy"/> ("cluster" or "laptop").</summary>
    /// <returns>How long it took.</returns>
    public static async Task<TimeSpan> WaitForAsync(IKubernetes client, string servedBy, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < Patience)
        {
            last = await WhoAnswersAsync(client, cancellationToken);
            if (last == servedBy)
            {
                return clock.Elapsed;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new BenchException($"Service {OrdersWorkload.Name} should be answered by the {servedBy} app but got \"{last}\" for {Patience.TotalSeconds:0} s");
    }

    private static async Task<string> WhoAnswersAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            var endpoint = await EndpointAsync(client, cancellationToken);
            return endpoint is null ? "(no Ready pod)" : await s_http.GetStringAsync($"http://{endpoint}/whoami/", cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return $"(failed: {e.Message})";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "(no answer within 5 s)";
        }
    }

    private static async Task<IPEndPoint?> EndpointAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var service = await client.CoreV1.ReadNamespacedServiceAsync(OrdersWorkload.Name, OrdersWorkload.Namespace, cancellationToken: cancellationToken);
        var target = service.Spec.Ports[0].TargetPort.Value;
        var pods = await client.CoreV1.ListNamespacedPodAsync(OrdersWorkload.Namespace, labelSelector: $"app={OrdersWorkload.Name}", cancellationToken: cancellationToken);
        var pod = pods.Items.FirstOrDefault(p => p.Metadata.DeletionTimestamp is null
            && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        if (pod?.Status?.PodIP is not { } ip)
        {
            return null;
        }

        var port = int.TryParse(target, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : pod.Spec.Containers.SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == target)?.ContainerPort;
        return port is { } p ? new IPEndPoint(IPAddress.Parse(ip), p) : null;
    }
}
