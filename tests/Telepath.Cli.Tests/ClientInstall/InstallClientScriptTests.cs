using Telepath.Cli.Tests.Harness;
using Telepath.Testing.Managers;
using Telepath.Testing.Processes;

namespace Telepath.Cli.Tests.ClientInstall;

/// <summary>deploy/install-client.sh, as the README's Install section runs it, into a temporary prefix (<see cref="InstalledClient"/>).</summary>
[Collection(InstalledClientCollection.Name)]
public sealed class InstallClientScriptTests(InstalledClient installed) : CliTest
{
    [Fact]
    public async Task The_installed_telepath_runs_from_the_prefix_and_starts_its_daemon_from_there()
    {
        var prefix = installed.Prefix;
        var install = installed.Install;

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains($"Installed {prefix}/bin/telepath", install.Stdout);
        var telepath = Path.Combine(prefix, "bin", "telepath");

        var version = await RunInstalledAsync(telepath, "version");

        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal(Lines.Of("Client: v0.1.0", "Daemon: not running"), version.Stdout);

        await using var manager = await LoopbackManager.StartAsync();
        var token = Cli.WriteFile("token", LoopbackManager.Token);
        var connect = await RunInstalledAsync(telepath, "connect", "--manager", manager.Address, "--token-file", token);

        Assert.True(connect.ExitCode == 0, connect.ToString());
        var connected = await RunInstalledAsync(telepath, "version");
        Assert.Equal(Lines.Of("Client: v0.1.0", "Daemon: v0.1.0", "Manager: v0.1.0"), connected.Stdout);
        // The daemon is the installed program, not the build it was copied from.
        Assert.Contains(Path.Combine(prefix, "lib", "telepath", "telepath.dll"), DaemonCommandLine());
    }

    [Fact]
    public async Task The_installed_client_has_no_server_hub_or_sample_code_and_its_demo_says_where_to_run_it()
    {
        var prefix = installed.Prefix;
        Assert.True(installed.Install.ExitCode == 0, installed.Install.ToString());

        // The hub's API client (Telepath.Hub.Client) is the laptop's own library; the hub itself is not.
        var files = Directory.GetFiles(Path.Combine(prefix, "lib", "telepath")).Select(Path.GetFileName).ToList();
        Assert.Contains("telepath.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("telepath-", StringComparison.Ordinal)
            || f.StartsWith("Telepath.TrafficManager", StringComparison.Ordinal) || f.StartsWith("Telepath.TrafficAgent", StringComparison.Ordinal)
            || f.StartsWith("Telepath.Samples", StringComparison.Ordinal) || (f.StartsWith("Telepath.Hub.", StringComparison.Ordinal) && !f.StartsWith("Telepath.Hub.Client.", StringComparison.Ordinal))
            || f.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || f.StartsWith("Npgsql", StringComparison.Ordinal)
            || f.StartsWith("Yarp", StringComparison.Ordinal));

        var demo = await RunInstalledAsync(Path.Combine(prefix, "bin", "telepath"), "demo");

        Assert.True(demo.ExitCode == 1, demo.ToString());
        Assert.Equal(
            $"telepath: telepath demo needs telepath-server, which is neither beside this telepath ({prefix}/lib/telepath/) nor built in a source checkout around it; "
            + "run the demo from the repository: dotnet run --project src/Telepath.Cli -- demo\n",
            demo.Stderr);
    }

    private Task<ProcessResult> RunInstalledAsync(string telepath, params string[] arguments) =>
        ProcessRunner.RunAsync(telepath, arguments, new Dictionary<string, string?>
        {
            ["HOME"] = Cli.Home,
            ["XDG_RUNTIME_DIR"] = Cli.RuntimeDirectory,
            ["XDG_CONFIG_HOME"] = null,
            ["KUBECONFIG"] = null,
        });

    private string DaemonCommandLine()
    {
        var pid = File.ReadAllText(Cli.PidFile).Trim();
        return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
    }
}
