using Telepath.Network.ClusterHost.Hosting;
using Telepath.Network.ClusterHost.Pods;

// `cluster ...` (the API server with its pods), `app --listen IP:PORT` (one pod's sample app),
// `fetch URL` (a .NET HttpClient, for the laptop's side).
return args switch
{
    ["app", "--listen", var listen] => await SampleApp.RunAsync(listen),
    ["fetch", var url] => await HttpFetch.RunAsync(url),
    ["cluster", "--namespace", var cluster, "--laptop-side", var laptopSide, "--cluster-side", var clusterSide, "--directory", var directory] =>
        await HostedCluster.RunAsync(new HostOptions(cluster, laptopSide, clusterSide, directory)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: cluster --namespace NS --laptop-side IP --cluster-side IP --directory DIR | app --listen IP:PORT | fetch URL");
    return 2;
}
