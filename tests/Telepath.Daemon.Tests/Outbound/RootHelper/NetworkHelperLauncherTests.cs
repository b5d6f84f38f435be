using Telepath.Core;
using Telepath.Daemon.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

public sealed class NetworkHelperLauncherTests
{
    private static readonly NetworkHelperCommand Telepath = new("/usr/bin/dotnet", ["/opt/telepath/telepath.dll"]);

    [Fact]
    public void A_user_starts_the_helper_through_sudo_for_their_own_uid()
    {
        var start = NetworkHelperLauncher.StartInfo(Telepath, "/run/user/1000/telepath/network.sock", 1000, root: false, sudo: "/usr/bin/sudo", launcherPid: 4242);

        Assert.Equal("/usr/bin/sudo", start.FileName);
        Assert.Equal(
            ["--", "/usr/bin/dotnet", "/opt/telepath/telepath.dll", "network-helper", "--uid", "1000", "--socket", "/run/user/1000/telepath/network.sock", "--launcher-pid", "4242"],
            start.ArgumentList);
    }

    [Fact]
    public void Root_starts_the_helper_directly()
    {
        var start = NetworkHelperLauncher.StartInfo(Telepath, "/run/telepath/network.sock", 0, root: true, sudo: null, launcherPid: 4242);

        Assert.Equal("/usr/bin/dotnet", start.FileName);
        Assert.Equal(["/opt/telepath/telepath.dll", "network-helper", "--uid", "0", "--socket", "/run/telepath/network.sock", "--launcher-pid", "4242"], start.ArgumentList);
    }

    [Fact]
    public void Without_sudo_a_user_is_told_the_ways_out_in_one_line()
    {
        var error = Assert.Throws<UserErrorException>(() => NetworkHelperLauncher.StartInfo(Telepath, "/tmp/s", 1000, root: false, sudo: null, launcherPid: 4242));

        Assert.Equal("changing the network needs root: run telepath connect as root, install sudo, or use --proxy=socks", error.Message);
    }

    [Fact]
    public async Task A_helper_that_exits_before_it_is_ready_is_a_user_error_naming_the_exit_code()
    {
        // `false` stands for sudo refusing (a wrong password three times): it exits without the ready line.
        var error = await Assert.ThrowsAsync<UserErrorException>(() =>
            NetworkHelperLauncher.StartAsync(new NetworkHelperCommand("/bin/false", []), "/tmp/unused.sock", TimeSpan.FromSeconds(30)));

        Assert.Equal("the network helper did not start (/bin/false exited with code 1); see the message above", error.Message);
    }

    [Fact]
    public async Task A_helper_that_never_gets_ready_is_stopped_with_a_clear_line()
    {
        // A shell that ignores its arguments and waits stands for a sudo prompt nobody answers.
        var waiting = new NetworkHelperCommand("/bin/sh", ["-c", "exec sleep 600"]);

        var error = await Assert.ThrowsAsync<UserErrorException>(() =>
            NetworkHelperLauncher.StartAsync(waiting, "/tmp/unused.sock", TimeSpan.FromSeconds(1)));

        Assert.Equal("the network helper was not ready within 1 s; run telepath connect again, or use --proxy=socks", error.Message);
    }

    [Fact]
    public async Task What_the_helper_says_before_it_fails_is_passed_on_before_the_error()
    {
        // sudo's own words after a wrong password, then its exit.
        var refusing = new NetworkHelperCommand("/bin/sh", ["-c", "echo 'sudo: 3 incorrect password attempts' >&2; exit 1"]);
        var messages = new StringWriter();

        var error = await Assert.ThrowsAsync<UserErrorException>(() =>
            NetworkHelperLauncher.StartAsync(refusing, "/tmp/unused.sock", messages: messages));

        Assert.Equal("sudo: 3 incorrect password attempts" + Environment.NewLine, messages.ToString());
        Assert.Equal("the network helper did not start (/bin/sh exited with code 1); see the message above", error.Message);
    }

    [Fact]
    public async Task A_ready_helper_holds_none_of_the_launchers_standard_streams()
    {
        // Stands for sudo and the helper, which outlive connect: were this process's stdin or stderr
        // among its files, `telepath connect 2>&1 | tee log` would not end until quit.
        var lingering = new NetworkHelperCommand("/bin/sh", ["-c", "echo ready; exec sleep 600"]);

        var started = await NetworkHelperLauncher.StartAsync(lingering, "/tmp/unused.sock");
        try
        {
            var ours = OwnStandardStreams();
            var theirs = Directory.GetFiles($"/proc/{started.ProcessId}/fd").Select(ResolveLink).ToHashSet();
            Assert.NotEmpty(ours); // the test host's output is a pipe, else this test would prove nothing
            Assert.All(ours, stream => Assert.DoesNotContain(stream, theirs));
        }
        finally
        {
            System.Diagnostics.Process.GetProcessById(started.ProcessId).Kill();
        }
    }

    private static string[] OwnStandardStreams() =>
        [.. new[] { 0, 1, 2 }.Select(descriptor => ResolveLink($"/proc/self/fd/{descriptor}")).Where(target => target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("/dev/pts", StringComparison.Ordinal))];

    private static string ResolveLink(string path) => new FileInfo(path).LinkTarget ?? "";
}
