using Telepath.Cli.Tests.Harness;
using Telepath.Testing.Managers;
using Telepath.Testing.Processes;

namespace Telepath.Cli.Tests.ClientInstall;

/// <summary>
/// PREFIX/bin/telepath, the Native AOT front end (src/Telepath.Cli.Launcher): what it answers itself is
/// byte for byte what the full client (PREFIX/lib/telepath/telepath.dll) answers, and what it does not
/// answer is the full client's, exit code included.
/// </summary>
[Collection(InstalledClientCollection.Name)]
public sealed class InstalledFrontEndTests(InstalledClient installed) : CliTest
{
    /// <summary>The spellings the front end answers itself (src/Telepath.Cli.Launcher/StatusArguments.cs).</summary>
    private static readonly string[][] StatusSpellings =
    [
        ["status"],
        ["status", "--output", "json"],
        ["status", "-o", "json"],
        ["status", "--output=json"],
        ["status", "--output", "text"],
    ];

    public static TheoryData<string[]> StatusForms { get; } = new(StatusSpellings);

    [Fact]
    public void The_installed_telepath_is_a_native_binary_when_a_C_toolchain_is_there()
    {
        Assert.True(installed.Install.ExitCode == 0, installed.Install.ToString());
        var magic = File.ReadAllBytes(installed.Telepath)[..4];

        if (InstalledClient.NativeToolchain)
        {
            Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], magic);
        }
        else
        {
            Assert.Equal("#!"u8.ToArray(), magic[..2]);
            Assert.Contains("install-client.sh: no native toolchain (install clang or gcc): installed the slower script launcher", installed.Install.Stderr);
        }
    }

    [Fact]
    public async Task Version_flag_prints_what_the_full_client_prints()
    {
        await AssertSameAsync("--version");
    }

    [Theory]
    [MemberData(nameof(StatusForms))]
    public async Task Status_without_a_daemon_is_the_full_clients_byte_for_byte(string[] status)
    {
        await AssertSameAsync(status);
    }

    [Theory]
    [MemberData(nameof(StatusForms))]
    public async Task Status_with_a_daemon_that_is_not_connected_is_the_full_clients_byte_for_byte(string[] status)
    {
        await Cli.StartIdleDaemonAsync();

        var installedStatus = await AssertSameAsync(status);

        Assert.Contains("Daemon: Running", installedStatus.Stdout + (await RunFullClientAsync("status")).Stdout);
    }

    [Fact]
    public async Task Status_connected_with_an_intercept_and_a_hub_login_is_the_full_clients_byte_for_byte()
    {
        await using var manager = await LoopbackManager.StartAsync();
        var token = Cli.WriteFile("token", LoopbackManager.Token);
        var connect = await Cli.RunAsync("connect", "--manager", manager.Address, "--token-file", token);
        Assert.True(connect.ExitCode == 0, connect.ToString());
        await using var agent = await FakeAgent.ArriveAsync(manager, "orders");
        var intercept = await Cli.RunAsync("intercept", "orders", "--port", "8080");
        Assert.True(intercept.ExitCode == 0, intercept.ToString());

        foreach (var status in StatusSpellings)
        {
            var shown = await AssertSameAsync(status);
            Assert.Contains("orders", shown.Stdout);
        }

        var credentials = Path.Combine(Cli.Home, ".config", "telepath", "credentials.json");
        Directory.CreateDirectory(Path.GetDirectoryName(credentials)!);
        await File.WriteAllTextAsync(credentials, """{"hub":"https://hub.example","token":"t","kind":"device","user":"alice@example.com","organisation":"Acme"}""");
        foreach (var status in StatusSpellings)
        {
            var shown = await AssertSameAsync(status);
            Assert.Contains("alice@example.com", shown.Stdout);
        }
    }

    [Fact]
    public async Task Commands_it_does_not_answer_are_the_full_clients_exit_code_and_output_included()
    {
        await AssertSameAsync("version");
        var leave = await AssertSameAsync("leave", "nosuch");
        Assert.NotEqual(0, leave.ExitCode);
        var usage = await AssertSameAsync("status", "--output", "yaml");
        Assert.NotEqual(0, usage.ExitCode);
        await AssertSameAsync("status", "--help");
    }

    /// <summary>Runs the installed telepath and the full client with the same arguments; their outputs and exit codes must be equal.</summary>
    private async Task<ProcessResult> AssertSameAsync(params string[] arguments)
    {
        var full = await RunFullClientAsync(arguments);
        var front = await ProcessRunner.RunAsync(installed.Telepath, arguments, Environment());

        Assert.Equal(full.Stdout, front.Stdout);
        Assert.Equal(full.Stderr, front.Stderr);
        Assert.Equal(full.ExitCode, front.ExitCode);
        return front;
    }

    private Task<ProcessResult> RunFullClientAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [installed.FullClient, .. arguments], Environment());

    private Dictionary<string, string?> Environment() => new()
    {
        ["HOME"] = Cli.Home,
        ["XDG_RUNTIME_DIR"] = Cli.RuntimeDirectory,
        ["XDG_CONFIG_HOME"] = null,
        ["KUBECONFIG"] = null,
    };
}
