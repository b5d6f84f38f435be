using Telepath.Network.ClusterHost.Hosting;
using Telepath.Network.ClusterHost.Pods;

// Two commands: `cluster ...` (the API server with its pods) and `app --listen IP:PORT` (one pod's sample app).
return args switch
{
    ["app", "--listen", var listen] => await SampleApp.RunAsync(listen),
    ["cluster", "--namespace", var cluster, "--laptop-side", var laptopSide, "--cluster-side", var clusterSide, "--directory", var directory] =>
        await HostedCluster.RunAsync(new HostOptions(cluster, laptopSide, clusterSide, directory)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: cluster --namespace NS --laptop-side IP --cluster-side IP --directory DIR | app --listen IP:PORT");
    return 2;
}
