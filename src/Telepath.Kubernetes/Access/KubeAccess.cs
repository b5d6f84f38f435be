using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using Telepath.Core;

namespace Telepath.Kubernetes.Access;

/// <summary>
/// An open line to one cluster: the client, the context it came from, the server and the
/// namespace commands default to. Kubeconfig loading is the client's own (exec plugins, client
/// certificates, tokens); only the merging of several files is ours.
/// </summary>
public sealed class KubeAccess : IDisposable
{
    private KubeAccess(k8s.Kubernetes client, string contextName, string serverUrl, string @namespace)
    {
        Client = client;
        ContextName = contextName;
        ServerUrl = serverUrl;
        Namespace = @namespace;
    }

    public k8s.Kubernetes Client { get; }

    public string ContextName { get; }

    public string ServerUrl { get; }

    /// <summary>The --namespace flag, else the context's namespace, else "default".</summary>
    public string Namespace { get; }

    /// <summary>Loads the kubeconfig, picks the context and checks that the cluster answers.</summary>
    /// <exception cref="UserErrorException">One line naming the context and what went wrong.</exception>
    public static async Task<KubeAccess> ConnectAsync(KubeAccessOptions options, CancellationToken cancellationToken = default)
    {
        var access = await OpenAsync(options);
        try
        {
            await ClusterProbe.CheckAsync(access, TimeSpan.FromSeconds(10), cancellationToken);
            return access;
        }
        catch
        {
            access.Dispose();
            throw;
        }
    }

    /// <summary>Like <see cref="ConnectAsync"/> without asking the cluster anything.</summary>
    public static async Task<KubeAccess> OpenAsync(KubeAccessOptions options)
    {
        var kubeconfig = await KubeconfigMerger.LoadAsync(options.KubeconfigPaths);
        var context = ChooseContext(kubeconfig, options.Context);
        CheckReferences(kubeconfig, context);
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig, context.Name);
        }
        catch (KubeConfigException e)
        {
            throw new UserErrorException($"the kubeconfig's context \"{context.Name}\" cannot be used: {e.Message}");
        }

        var @namespace = options.Namespace is { Length: > 0 } flag ? flag
            : context.ContextDetails?.Namespace is { Length: > 0 } own ? own
            : "default";
        return new KubeAccess(new k8s.Kubernetes(configuration), context.Name, configuration.Host, @namespace);
    }

    internal static Context ChooseContext(K8SConfiguration kubeconfig, string? requested)
    {
        var contexts = (kubeconfig.Contexts ?? []).ToList();
        var name = requested is { Length: > 0 } ? requested : kubeconfig.CurrentContext;
        if (string.IsNullOrEmpty(name))
        {
            throw new UserErrorException(contexts.Count == 0
                ? "the kubeconfig has no contexts: create one or log in to a cluster"
                : $"the kubeconfig has no current context: choose one with --context ({Names(contexts)})");
        }

        return contexts.FirstOrDefault(c => c.Name == name)
            ?? throw new UserErrorException($"no context \"{name}\" in the kubeconfig ({Names(contexts)})");
    }

    // The client's own messages for these print the context object, not its name.
    internal static void CheckReferences(K8SConfiguration kubeconfig, Context context)
    {
        var cluster = context.ContextDetails?.Cluster;
        if (string.IsNullOrEmpty(cluster) || (kubeconfig.Clusters ?? []).All(c => c.Name != cluster))
        {
            throw new UserErrorException(string.IsNullOrEmpty(cluster)
                ? $"the kubeconfig's context \"{context.Name}\" names no cluster"
                : $"the kubeconfig's context \"{context.Name}\" names cluster \"{cluster}\", which the kubeconfig does not have");
        }

        var user = context.ContextDetails!.User;
        if (!string.IsNullOrEmpty(user) && (kubeconfig.Users ?? []).All(u => u.Name != user))
        {
            throw new UserErrorException($"the kubeconfig's context \"{context.Name}\" names user \"{user}\", which the kubeconfig does not have");
        }
    }

    private static string Names(List<Context> contexts) =>
        contexts.Count == 0 ? "it has none" : "contexts: " + string.Join(", ", contexts.Select(c => c.Name));

    public void Dispose() => Client.Dispose();
}
