using System.Net;
using Telepath.Daemon.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

public sealed class KernelRoutesTests
{
    [Theory]
    [InlineData("""[{"dst":"default","gateway":"192.168.1.1","dev":"wlan0","flags":[]}]""", "0.0.0.0/0", "wlan0")]
    [InlineData("""[{"dst":"10.96.0.0/12","dev":"telepath0","protocol":"84","scope":"link","flags":[]}]""", "10.96.0.0/12", "telepath0")]
    [InlineData("""[{"type":"local","dst":"10.96.0.10","dev":"lo","protocol":"kernel","scope":"host","prefsrc":"10.96.0.10","flags":[]}]""", "10.96.0.10/32", "lo")]
    public void A_fibmatch_answer_gives_the_whole_prefix_of_the_route_and_its_link(string json, string prefix, string device)
    {
        var lookup = KernelRoutes.ParseLookup(json);

        Assert.Equal(new RouteLookup(RouteAnswer.Route, IPNetwork.Parse(prefix), device), lookup);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""[{"dev":"wlan0"}]""")]
    [InlineData("""[{"dst":"not an address","dev":"wlan0"}]""")]
    public void An_answer_that_is_not_a_route_is_an_error_not_a_guess(string json)
    {
        var error = Assert.Throws<IOException>(() => KernelRoutes.ParseLookup(json));

        Assert.StartsWith("ip route get printed what is not a route", error.Message);
    }
}
