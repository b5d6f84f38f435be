using Telepath.Hub.Security;

namespace Telepath.Hub.Tests.Hosting;

public class TrustedProxiesTests
{
    [Fact]
    public void Addresses_and_networks_are_read_from_one_setting()
    {
        Assert.Equal(["10.0.0.5", "10.1.0.0/16", "::1"], TrustedProxies.Parse("10.0.0.5, 10.1.0.0/16;::1"));
        Assert.Empty(TrustedProxies.Parse(null));
    }

    [Fact]
    public void An_entry_that_is_no_address_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TrustedProxies.Parse("10.0.0.5, proxy.example.com"));

        Assert.Equal("Hub:TrustedProxies takes IP addresses and CIDRs (\"10.0.0.5, 10.1.0.0/16\"), not 'proxy.example.com'", error.Message);
    }
}
