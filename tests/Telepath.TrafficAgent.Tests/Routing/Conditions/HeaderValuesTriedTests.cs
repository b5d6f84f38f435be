using System.Buffers;
using System.Text;
using Telepath.TrafficAgent.Http1;
using Telepath.TrafficAgent.Routing.Conditions;
using static Telepath.TrafficAgent.Tests.Infrastructure.TestIntercepts;

namespace Telepath.TrafficAgent.Tests.Routing.Conditions;

/// <summary>A condition tries a bounded number of a header's values, whichever parser read the request.</summary>
public sealed class HeaderValuesTriedTests
{
    [Fact]
    public void Ten_thousand_copies_of_a_header_are_not_ten_thousand_tries()
    {
        var copies = Enumerable.Repeat(("x-user", "mallory"), 10_000).ToArray();
        var tried = 0;

        var matched = Request("/", copies).AnyHeaderValue("x-user", _ => ++tried < 0);

        Assert.False(matched);
        Assert.Equal(IRequestView.MaxValuesTried, tried);
    }

    [Fact]
    public void The_relay_tries_as_many_values_as_Kestrel_does()
    {
        var lines = string.Concat(Enumerable.Repeat("x-user: mallory\r\n", 90));
        using var head = RelayRequest($"GET / HTTP/1.1\r\nHost: orders\r\n{lines}\r\n");
        var tried = 0;

        var matched = head.AnyHeaderValue("X-User", _ => ++tried < 0);

        Assert.False(matched);
        Assert.Equal(IRequestView.MaxValuesTried, tried);
    }

    [Fact]
    public void A_matching_value_within_the_values_tried_routes_the_request_and_one_beyond_them_does_not()
    {
        var routes = Compile(Intercept("orders", [("x-user", "alice")]));
        var others = Enumerable.Repeat(("x-user", "bob"), IRequestView.MaxValuesTried - 1);

        Assert.NotNull(routes.Match(Request("/", [.. others, ("x-user", "alice")])));
        Assert.Null(routes.Match(Request("/", [.. others, ("x-user", "bob"), ("x-user", "alice")])));
    }

    private static RequestHead RelayRequest(string head) =>
        RequestHead.TryParse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(head))) ?? throw new InvalidOperationException("the relay refused the head");
}
