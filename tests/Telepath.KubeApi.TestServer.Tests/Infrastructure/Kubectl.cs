using System.Diagnostics;

namespace Telepath.KubeApi.TestServer.Tests.Infrastructure;

/// <summary>Runs the real kubectl against a test cluster, bounded in time, with its own discovery cache.</summary>
public static class Kubectl
{
    public const string Path = "/usr/bin/kubectl";

    public static bool IsInstalled => File.Exists(Path);

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(TestCluster cluster, params string[] args) =>
        await RunWithInputAsync(cluster, null, args);

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunWithInputAsync(TestCluster cluster, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // After the command: kubectl looks for plugins when flags come first.
        info.ArgumentList.Add($"--kubeconfig={cluster.KubeconfigPath}");
        info.ArgumentList.Add($"--cache-dir={System.IO.Path.Combine(cluster.Directory, "kube-cache")}");

        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
                process.StandardInput.Close();
            }

            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
