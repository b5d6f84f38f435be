using Telepath.KubeApi.TestServer.Storage;
using Telepath.Network.Testing.Topology;

namespace Telepath.Network.ClusterHost.KubeProxy;

/// <summary>
/// Keeps the cluster namespace's <c>ip kubeproxy</c> table in step with Services and Pods. It polls
/// the store and rebuilds the table when the wanted rules differ: simpler than following watches
/// through resourceVersion expiry, and a few tenths of a second behind is what a real kube-proxy is too.
/// </summary>
internal sealed class MiniKubeProxy(string clusterNamespace, ObjectStore store)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var applied = "";
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wanted = ServiceRules.Script(store);
                if (wanted != applied)
                {
                    var result = await NetworkTopology.ExecAsync(clusterNamespace, ["nft", "-f", "-"], stdin: System.Text.Encoding.ASCII.GetBytes(wanted), cancellationToken: cancellationToken);
                    if (result.ExitCode == 0)
                    {
                        applied = wanted;
                    }
                    else
                    {
                        Console.Error.WriteLine($"kube-proxy: nft refused the rules: {result.Stderr.Trim()}");
                    }
                }

                await Task.Delay(Interval, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The cluster stops; the namespace and its table go with the test's topology.
        }
    }
}
