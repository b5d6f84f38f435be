using k8s;
using k8s.KubeConfigModels;
using Telepath.Core;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Telepath.Kubernetes.Access;

/// <summary>
/// Loads several kubeconfig files into one, as kubectl merges <c>KUBECONFIG</c>: files that do not
/// exist are skipped, the first file that sets the current context or names a cluster, user or
/// context wins. The client can merge too, but it resolves every relative path (certificates,
/// keys, exec commands) against the first file; kubectl resolves each against its own file, so
/// paths are made absolute per file before merging.
/// </summary>
public static class KubeconfigMerger
{
    public static async Task<K8SConfiguration> LoadAsync(IReadOnlyList<string> paths)
    {
        var candidates = paths.Count > 0 ? paths : [KubeAccessOptions.DefaultKubeconfigPath];
        K8SConfiguration? merged = null;
        foreach (var path in candidates)
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                continue;
            }

            var config = await LoadOneAsync(file);
            merged = merged is null ? config : Merge(merged, config);
        }

        return merged ?? throw new UserErrorException(paths.Count > 0
            ? $"no kubeconfig found at {string.Join(", ", paths)}: check KUBECONFIG"
            : "no kubeconfig found: set KUBECONFIG or create ~/.kube/config");
    }

    // KubernetesYaml's deserializer (what LoadKubeConfigAsync uses) maps the properties of every model
    // type of the client when first used: a quarter of a second of a cold CLI and again of the daemon.
    // The kubeconfig models need only their own YamlMember names; otherwise the same settings.
    private static readonly IDeserializer s_kubeconfigYaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithAttemptingUnquotedStringTypeDeserialization()
        .IgnoreUnmatchedProperties()
        .Build();

    private static async Task<K8SConfiguration> LoadOneAsync(FileInfo file)
    {
        try
        {
            var text = await File.ReadAllTextAsync(file.FullName);
            var config = s_kubeconfigYaml.Deserialize<K8SConfiguration>(new MergingParser(new Parser(new StringReader(text))));
            config.FileName = file.FullName;
            KubeconfigPaths.MakeAbsolute(config, file.DirectoryName!);
            return config;
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or k8s.Exceptions.KubeConfigException)
        {
            throw new UserErrorException($"cannot read the kubeconfig {file.FullName}: {e.Message}");
        }
    }

    /// <summary>Merges <paramref name="later"/> into <paramref name="first"/>; what the first sets wins.</summary>
    public static K8SConfiguration Merge(K8SConfiguration first, K8SConfiguration later)
    {
        first.CurrentContext = string.IsNullOrEmpty(first.CurrentContext) ? later.CurrentContext : first.CurrentContext;
        first.Clusters = Union(first.Clusters, later.Clusters, c => c.Name);
        first.Users = Union(first.Users, later.Users, u => u.Name);
        first.Contexts = Union(first.Contexts, later.Contexts, c => c.Name);
        first.Extensions = Union(first.Extensions, later.Extensions, e => e.Name);
        if (later.Preferences is not null)
        {
            first.Preferences ??= new Dictionary<string, object>();
            foreach (var (key, value) in later.Preferences)
            {
                first.Preferences.TryAdd(key, value);
            }
        }

        return first;
    }

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? later, Func<T, string> name)
    {
        var result = (first ?? []).ToList();
        var seen = result.Select(name).ToHashSet(StringComparer.Ordinal);
        result.AddRange((later ?? []).Where(item => seen.Add(name(item))));
        return result;
    }
}
