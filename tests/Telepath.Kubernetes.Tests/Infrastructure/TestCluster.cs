using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer;
using Telepath.Kubernetes.Access;

namespace Telepath.Kubernetes.Tests.Infrastructure;

/// <summary>A Kubernetes API test server and a <see cref="KubeAccess"/> to it through a real kubeconfig.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly TempKubeconfig _files;

    private TestCluster(KubeApiServer server, KubeAccess access, TempKubeconfig files, string kubeconfig)
    {
        Server = server;
        Access = access;
        _files = files;
        Kubeconfig = kubeconfig;
    }

    public KubeApiServer Server { get; }

    public KubeAccess Access { get; }

    public string Kubeconfig { get; }

    public IKubernetes Client => Access.Client;

    public static async Task<TestCluster> StartAsync(KubeApiServerOptions? options = null)
    {
        var server = await KubeApiServer.StartAsync(options);
        var files = new TempKubeconfig();
        var path = Path.Combine(files.Folder, "config");
        server.WriteKubeconfig(path, "test-cluster");
        var access = await KubeAccess.ConnectAsync(new KubeAccessOptions([path]));
        return new TestCluster(server, access, files, path);
    }

    public async Task<V1Deployment> CreateDeploymentAsync(string name, string ns = "default", params V1ContainerPort[] ports)
    {
        var deployment = (V1Deployment)Objects.Deployment(name, ns, ports).Resource;
        deployment.Metadata.ResourceVersion = null;
        deployment.Metadata.Generation = null;
        await EnsureNamespaceAsync(ns);
        return await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
    }

    public async Task<V1Service> CreateServiceAsync(string name, string app, string ns = "default", params V1ServicePort[] ports)
    {
        var service = Objects.Service(name, app, ports);
        service.Metadata.ResourceVersion = null;
        service.Metadata.NamespaceProperty = ns;
        await EnsureNamespaceAsync(ns);
        return await Client.CoreV1.CreateNamespacedServiceAsync(service, ns);
    }

    public async Task EnsureNamespaceAsync(string ns)
    {
        try
        {
            await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Access.Dispose();
        await Server.DisposeAsync();
        _files.Dispose();
    }
}
