using System.Diagnostics;
using k8s;
using Telepath.Kubernetes.Testing.Services;

namespace Telepath.Bench.Kube;

/// <summary>
/// Waits until the Service "orders" routes a caller, as kube-proxy would, to the app it should. A
/// fast intercept that does not route cannot pass for a measurement.
/// </summary>
internal static class ServiceRoute
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Waits until GET /whoami/ through the Service is answered by <paramref name="servedBy"/> ("cluster" or "laptop").</summary>
    /// <returns>How long it took, to within the 20 ms between asks (a poll of 100 ms would blur a sub-second figure).</returns>
    public static async Task<TimeSpan> WaitForAsync(IKubernetes client, string servedBy, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < Patience)
        {
            last = await ClusterProbe.WhoAnswersAsync(client, OrdersWorkload.Name, cancellationToken);
            if (last == servedBy)
            {
                return clock.Elapsed;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new BenchException($"Service {OrdersWorkload.Name} should be answered by the {servedBy} app but got \"{last}\" for {Patience.TotalSeconds:0} s");
    }
}
