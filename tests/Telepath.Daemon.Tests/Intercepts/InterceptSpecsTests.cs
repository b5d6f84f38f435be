using System.Text.RegularExpressions;
using Grpc.Core;
using Telepath.Daemon.Intercepts;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Tests.Intercepts;

public sealed class InterceptSpecsTests
{
    private const string Id = "0b7e6c38-5a53-4d0e-9c36-0d1f3c1d2a11";

    [Fact]
    public void Defaults_fill_the_name_the_address_and_the_namespace()
    {
        var spec = InterceptSpecs.Complete(Request(new InterceptSpec { Workload = "orders", TargetPort = 8080 }), Id, "shop");

        Assert.Equal("orders", spec.Name);
        Assert.Equal("127.0.0.1", spec.TargetHost);
        Assert.Equal("shop", spec.Namespace);
        Assert.Empty(spec.Headers);
    }

    [Fact]
    public void The_auto_header_matches_exactly_the_id_and_the_name()
    {
        var spec = InterceptSpecs.Complete(Request(new InterceptSpec { Workload = "orders", Name = "orders.v2", TargetPort = 8080 }, auto: true), Id, "default");

        var header = Assert.Single(spec.Headers);
        Assert.Equal("x-telepath-intercept-id", header.Name);
        Assert.Equal(Regex.Escape($"{Id}:orders.v2"), header.ValueRegex);
        Assert.Matches($"^(?:{header.ValueRegex})$", $"{Id}:orders.v2");
        Assert.DoesNotMatch($"^(?:{header.ValueRegex})$", $"{Id}:ordersXv2");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void A_port_out_of_range_is_refused(int port)
    {
        var failure = Assert.Throws<RpcException>(() => InterceptSpecs.Complete(Request(new InterceptSpec { Workload = "orders", TargetPort = port }), Id, "default"));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal($"invalid port \"{port}\": expected a number from 1 to 65535", failure.Status.Detail);
    }

    [Fact]
    public void The_caller_spec_is_not_changed()
    {
        var request = Request(new InterceptSpec { Workload = "orders", TargetPort = 8080 }, auto: true);

        InterceptSpecs.Complete(request, Id, "default");

        Assert.Equal("", request.Spec.Name);
        Assert.Empty(request.Spec.Headers);
    }

    private static InterceptRequest Request(InterceptSpec spec, bool auto = false) => new() { Spec = spec, AutoHeader = auto };
}
