using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using Telepath.Core.Identity;
using Telepath.KubeApi.TestServer;
using Telepath.Testing.Managers;
using Telepath.TrafficManager.Cluster;
using Telepath.Tunnels.Links;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Identity;

/// <summary>
/// The Kubernetes API test server with Deployments whose pods an agent can hold a projected token of,
/// and the real manager trusting Kubernetes identity (no token of its own), reading the server
/// through an admin kubeconfig as its service account would.
/// </summary>
public sealed class IdentityCluster : IAsyncDisposable
{
    private readonly List<ManagerLink> _links = [];

    private IdentityCluster(KubeApiServer server, string directory, k8s.Kubernetes admin)
    {
        Server = server;
        Directory = directory;
        Admin = admin;
    }

    public KubeApiServer Server { get; }

    public string Directory { get; }

    public k8s.Kubernetes Admin { get; }

    public LoopbackManager Manager { get; private set; } = null!;

    /// <param name="clientSources">Where a tokenless caller must come from to be a laptop; the manager's default (loopback) when null.</param>
    public static async Task<IdentityCluster> StartAsync(IReadOnlyList<IPNetwork>? clientSources = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("tp-identity-").FullName;
        var server = await KubeApiServer.StartAsync();
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        var cluster = new IdentityCluster(server, directory, new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)));
        cluster.Manager = await LoopbackManager.StartAsync(configure: options =>
        {
            var trusting = options with { Token = null, Cluster = ClusterAccess.Kubeconfig(kubeconfig) };
            return clientSources is null ? trusting : trusting with { ClientSources = clientSources };
        });
        return cluster;
    }

    /// <summary>A Deployment of one pod in <paramref name="namespace"/> (made if missing); its pod once the controllers made it.</summary>
    public async Task<V1Pod> DeployAsync(string @namespace, string name)
    {
        if (await Admin.CoreV1.ListNamespaceAsync(fieldSelector: $"metadata.name={@namespace}") is { Items.Count: 0 })
        {
            await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = @namespace } });
        }

        var labels = new Dictionary<string, string> { ["app"] = name };
        await Admin.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1DeploymentSpec
                {
                    Replicas = 1,
                    Selector = new V1LabelSelector { MatchLabels = labels },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = labels },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "example/orders:1" }] },
                    },
                },
            },
            @namespace);
        return await FirstPodAsync(@namespace, $"app={name}");
    }

    /// <summary>What the kubelet mounts into an agent's pod: a token of its service account bound to the pod, for Telepath's audience.</summary>
    public async Task<string> ProjectedTokenAsync(V1Pod pod, string audience = KubernetesIdentity.Audience)
    {
        var request = await Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest
            {
                Spec = new V1TokenRequestSpec
                {
                    Audiences = [audience],
                    ExpirationSeconds = KubernetesIdentity.TokenSeconds,
                    BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Name(), Uid = pod.Uid() },
                },
            },
            pod.Spec.ServiceAccountName ?? "default",
            pod.Namespace());
        return request.Status.Token;
    }

    /// <summary>A gRPC client on a connection of its own: with a bearer token (an agent) or none (a laptop through a port-forward).</summary>
    public ProtocolManager.ManagerClient Client(string? token = null, IPAddress? from = null) => new(Link(token, from).Channel);

    /// <param name="from">The local address the connection comes from; the kernel's choice when null.</param>
    public ManagerLink Link(string? token = null, IPAddress? from = null)
    {
        var link = ManagerLink.Create(Manager.Address, token, from is null ? null : (context, cancellationToken) => ConnectFromAsync(from, context, cancellationToken));
        _links.Add(link);
        return link;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var link in _links)
        {
            link.Dispose();
        }

        await Manager.DisposeAsync();
        Admin.Dispose();
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress from, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<V1Pod> FirstPodAsync(string @namespace, string selector)
    {
        var list = await Admin.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: selector);
        if (list.Items.FirstOrDefault() is { } existing)
        {
            return existing;
        }

        var events = Admin.CoreV1.WatchListNamespacedPodAsync(@namespace, labelSelector: selector, resourceVersion: list.ResourceVersion());
        await foreach (var (type, pod) in events)
        {
            if (type == WatchEventType.Added)
            {
                return pod;
            }
        }

        throw new InvalidOperationException($"the watch of pods {selector} in {@namespace} ended before one was added");
    }
}
