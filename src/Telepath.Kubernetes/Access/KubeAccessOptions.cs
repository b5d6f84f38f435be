namespace Telepath.Kubernetes.Access;

/// <summary>Which cluster to talk to, as kubectl's flags and environment say it.</summary>
/// <param name="KubeconfigPaths">
/// The kubeconfig files, merged in order (the first file that sets a key wins). Empty means
/// <c>~/.kube/config</c>.
/// </param>
/// <param name="Context">The context to use; null means the kubeconfig's current context.</param>
/// <param name="Namespace">The namespace; null means the context's namespace, else "default".</param>
public sealed record KubeAccessOptions(IReadOnlyList<string> KubeconfigPaths, string? Context = null, string? Namespace = null)
{
    /// <summary>Options from <c>KUBECONFIG</c> (a ':'-separated list, ';' on Windows) and the given flags.</summary>
    public static KubeAccessOptions FromEnvironment(string? context = null, string? @namespace = null) =>
        new(SplitKubeconfigVariable(Environment.GetEnvironmentVariable("KUBECONFIG")), context, @namespace);

    /// <summary>Splits a KUBECONFIG value like kubectl: empty entries are ignored.</summary>
    public static IReadOnlyList<string> SplitKubeconfigVariable(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Where kubectl looks when KUBECONFIG is not set.</summary>
    public static string DefaultKubeconfigPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
}
