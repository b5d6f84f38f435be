using System.Net;
using Telepath.Cli.Commands.Connect;
using Telepath.Core;

namespace Telepath.Cli.Tests.Connect;

public sealed class ProxyChoiceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tp-proxy-choice-").FullName;

    private string ConfigPath => Path.Combine(_directory, "config.yml");

    [Fact]
    public void Through_kubernetes_the_default_is_on_and_directly_off()
    {
        Assert.Equal("on", ProxyChoice.Resolve(null, null, [], [], direct: false, ConfigPath).Mode);
        Assert.Equal("off", ProxyChoice.Resolve(null, null, [], [], direct: true, ConfigPath).Mode);
    }

    [Fact]
    public void The_config_file_sets_the_mode_and_its_ranges_add_to_the_flags()
    {
        File.WriteAllText(ConfigPath, "proxy:\n  mode: off\n  alsoProxy: [10.50.0.0/16]\n  neverProxy:\n    - 10.96.5.0/24\n");

        var fromConfig = ProxyChoice.Resolve(null, null, ["10.60.0.0/16"], [], direct: false, ConfigPath);
        var flagWins = ProxyChoice.Resolve("socks", 1081, [], [], direct: false, ConfigPath);

        Assert.Equal("off", fromConfig.Mode);
        Assert.Equal(["10.60.0.0/16", "10.50.0.0/16"], fromConfig.AlsoProxy.Select(r => r.ToString()));
        Assert.Equal(["10.96.5.0/24"], fromConfig.NeverProxy.Select(r => r.ToString()));
        Assert.Equal(("socks", 1081), (flagWins.Mode, flagWins.Port));
    }

    [Theory]
    [InlineData("10.96.0.0/33", "--also-proxy \"10.96.0.0/33\" is not a CIDR range; write it like 10.96.0.0/12")]
    [InlineData("orders", "--also-proxy \"orders\" is not a CIDR range; write it like 10.96.0.0/12")]
    [InlineData("fd00::/64", "--also-proxy fd00::/64: only IPv4 ranges are redirected so far; give an IPv4 range")]
    public void A_range_that_does_not_parse_is_one_line_saying_how_to_write_it(string range, string message)
    {
        var error = Assert.Throws<UserErrorException>(() => ProxyChoice.Resolve(null, null, [range], [], direct: false, ConfigPath));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_misspelt_mode_in_the_config_file_names_the_file()
    {
        File.WriteAllText(ConfigPath, "proxy:\n  mode: transparent\n");

        var error = Assert.Throws<UserErrorException>(() => ProxyChoice.Resolve(null, null, [], [], direct: false, ConfigPath));

        Assert.Equal($"{ConfigPath}: proxy.mode \"transparent\" is not on, off or socks; fix the file or pass --proxy", error.Message);
    }

    [Fact]
    public void Ranges_covering_the_api_server_are_refused_naming_both()
    {
        var apiServer = new[] { IPAddress.Parse("192.168.7.2") };
        var never = ProxyChoice.Resolve(null, null, [], ["192.168.7.0/30"], direct: false, ConfigPath);
        var also = ProxyChoice.Resolve(null, null, ["192.168.0.0/16"], [], direct: false, ConfigPath);
        var elsewhere = ProxyChoice.Resolve(null, null, ["10.0.0.0/8"], ["172.16.0.0/12"], direct: false, ConfigPath);

        Assert.Equal(
            "--never-proxy 192.168.7.0/30 covers the API server's address 192.168.7.2 (https://192.168.7.2:6443), which Telepath never proxies anyway; leave it out or choose a range without it",
            Assert.Throws<UserErrorException>(() => never.CheckApiServer("https://192.168.7.2:6443", apiServer)).Message);
        Assert.StartsWith("--also-proxy 192.168.0.0/16 covers the API server's address 192.168.7.2", Assert.Throws<UserErrorException>(() => also.CheckApiServer("https://192.168.7.2:6443", apiServer)).Message);
        elsewhere.CheckApiServer("https://192.168.7.2:6443", apiServer);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
