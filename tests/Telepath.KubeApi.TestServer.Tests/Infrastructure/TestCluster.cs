using k8s;

namespace Telepath.KubeApi.TestServer.Tests.Infrastructure;

/// <summary>A started server, a kubeconfig for it in a temp directory, and a real client.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(KubeApiServer server, string directory)
    {
        Server = server;
        Directory = directory;
        KubeconfigPath = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(KubeconfigPath);
        Client = NewClient();
    }

    public KubeApiServer Server { get; }

    public string Directory { get; }

    public string KubeconfigPath { get; }

    public Kubernetes Client { get; }

    public static async Task<TestCluster> StartAsync(KubeApiServerOptions? options = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "kubeapi-tests-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        return new TestCluster(await KubeApiServer.StartAsync(options), directory);
    }

    /// <summary>A client using the kubeconfig, optionally with another token.</summary>
    public Kubernetes NewClient(string? token = null)
    {
        var path = KubeconfigPath;
        if (token is not null)
        {
            path = Path.Combine(Directory, $"kubeconfig-{Guid.NewGuid():N}");
            Server.WriteKubeconfig(path, token: token);
        }

        return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
    }

    /// <summary>A client that authenticates as <paramref name="user"/>, with a token of their own.</summary>
    public Kubernetes NewClientFor(string user)
    {
        var path = Path.Combine(Directory, $"kubeconfig-{user}-{Guid.NewGuid():N}");
        Server.WriteUserKubeconfig(path, user);
        return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
