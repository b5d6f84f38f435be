using Telepath.Bench.Processes;
using Telepath.Testing.Processes;

namespace Telepath.Bench.Kube;

/// <summary>
/// The yardstick: `kubectl get deployment orders`, a mature client's whole round trip to the same
/// API server (process start, kubeconfig, TLS, one GET, exit), so the telepath figures can be read
/// as "so many kubectl calls" on whatever machine the bench runs.
/// </summary>
internal sealed class KubectlBaseline
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly string _kubectl;
    private readonly string _kubeconfig;
    private readonly Dictionary<string, string?> _environment;

    private KubectlBaseline(string kubectl, string kubeconfig, string home)
    {
        _kubectl = kubectl;
        _kubeconfig = kubeconfig;
        Directory.CreateDirectory(home);

        // Its own HOME: the discovery cache it keeps in ~/.kube/cache is then only ours.
        _environment = new Dictionary<string, string?> { ["HOME"] = home, ["KUBECONFIG"] = null };
    }

    public string Path => _kubectl;

    /// <returns>Null when there is no kubectl on PATH: the section then runs without a baseline.</returns>
    public static KubectlBaseline? Find(string kubeconfig, string home)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, "kubectl"))
            .FirstOrDefault(File.Exists);
        return path is null ? null : new KubectlBaseline(path, kubeconfig, home);
    }

    /// <summary>One `kubectl get deployment orders`, which must succeed and name it.</summary>
    public async Task<ProcessResult> GetDeploymentAsync(CancellationToken cancellationToken)
    {
        var result = await Commands.RunAsync(
            _kubectl,
            ["--kubeconfig", _kubeconfig, "get", "deployment", OrdersWorkload.Name, "-n", OrdersWorkload.Namespace],
            CommandTimeout,
            cancellationToken,
            _environment);
        if (result.ExitCode != 0 || !result.Stdout.Contains(OrdersWorkload.Name, StringComparison.Ordinal))
        {
            throw new BenchException($"kubectl failed against the test server\n{result}");
        }

        return result;
    }
}
