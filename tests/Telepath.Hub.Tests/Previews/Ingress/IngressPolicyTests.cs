using System.Net;
using Telepath.Hub.Previews.Ingress;

namespace Telepath.Hub.Tests.Previews.Ingress;

public sealed class IngressPolicyTests
{
    private static readonly IPAddress Own = IPAddress.Parse("10.1.2.3");

    private static IngressPolicy Policy(params string[] allow) => new(IngressOptions.Allowing(allow), [Own]);

    [Theory]
    [InlineData("127.0.0.1", "loopback addresses")]
    [InlineData("127.1.2.3", "loopback addresses")]
    [InlineData("::ffff:127.0.0.1", "loopback addresses")]
    [InlineData("169.254.169.254", "link-local addresses")]
    [InlineData("fe80::1%2", "link-local addresses")]
    [InlineData("fd00:ec2::254", "the cloud's metadata service")]
    [InlineData("::", "unspecified addresses")]
    [InlineData("239.1.1.1", "multicast addresses")]
    [InlineData("10.1.2.3", "the hub's own addresses")]
    public void By_default_local_addresses_are_refused(string address, string what)
    {
        Assert.StartsWith(what, Policy().AddressRefusal(address, IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("203.0.113.10")]
    [InlineData("10.96.0.20")]
    [InlineData("2001:db8::1")]
    public void By_default_other_addresses_are_allowed(string address)
    {
        Assert.Null(Policy().AddressRefusal("ingress.example.com", IPAddress.Parse(address)));
        Assert.Null(Policy().NameRefusal("ingress.example.com"));
    }

    [Fact]
    public void A_listed_range_wins_over_the_refused_ones_and_limits_the_rest()
    {
        var policy = Policy("127.0.0.1/32", "10.1.2.3");

        Assert.Null(policy.AddressRefusal("127.0.0.1", IPAddress.Loopback));
        Assert.Null(policy.AddressRefusal("10.1.2.3", Own));
        Assert.StartsWith("loopback addresses", policy.AddressRefusal("127.0.0.2", IPAddress.Parse("127.0.0.2")));
        Assert.Equal("it is in none of the ranges in Hub:Ingress:Allow", policy.AddressRefusal("any.example.com", IPAddress.Parse("203.0.113.10")));
    }

    [Theory]
    [InlineData("ingress.example.com", true)]
    [InlineData("INGRESS.Example.com.", true)]
    [InlineData("a.b.example.com", true)]
    [InlineData("example.com", false)]
    [InlineData("ingress.example.com.evil.test", false)]
    [InlineData("evilexample.com", false)]
    public void A_wildcard_names_the_names_under_its_domain(string host, bool allowed)
    {
        var policy = Policy("*.example.com");

        Assert.Equal(allowed, policy.NameRefusal(host) is null);
        Assert.Equal(allowed, policy.AddressRefusal(host, IPAddress.Parse("203.0.113.10")) is null);
    }

    [Theory]
    [InlineData("ingress-nginx-controller.ingress-nginx.svc", true)]
    [InlineData("ingress-nginx-controller.ingress-nginx.svc.cluster.local", true)]
    [InlineData("ingress-nginx-controller.ingress-nginx.svc.other.domain", false)]
    [InlineData("ingress-nginx.svc", false)]
    [InlineData("ingress-nginx-controller.ingress-nginx", false)]
    [InlineData("10.96.0.20", false)]
    public void Cluster_services_only_admits_service_names(string host, bool allowed)
    {
        var policy = new IngressPolicy(IngressOptions.Allowing([], clusterServicesOnly: true), [Own]);

        Assert.Equal(allowed, policy.NameRefusal(host) is null && policy.AddressRefusal(host, IPAddress.Parse("10.96.0.20")) is null);
    }

    [Theory]
    [InlineData("bad_host!")]
    [InlineData("10.0.0.1/8")]
    [InlineData("*")]
    [InlineData("http://ingress.example.com")]
    public void An_entry_that_is_no_host_range_or_address_is_an_error(string entry)
    {
        Assert.Throws<InvalidOperationException>(() => IngressOptions.Allowing([entry]));
    }
}
