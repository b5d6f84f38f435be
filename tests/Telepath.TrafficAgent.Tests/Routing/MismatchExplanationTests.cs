using static Telepath.TrafficAgent.Tests.Infrastructure.TestIntercepts;

namespace Telepath.TrafficAgent.Tests.Routing;

/// <summary>Why a request went to the app, as the request log shows it (docs/protocol.md, "Request log").</summary>
public sealed class MismatchExplanationTests
{
    [Fact]
    public void Without_personal_intercepts_the_reason_is_that_there_is_none()
    {
        Assert.Equal("no intercept", Compile().ExplainNoMatch(Request("/")));
    }

    [Fact]
    public void A_header_that_did_not_match_is_named_without_its_value()
    {
        var routes = Compile(Intercept("orders", [("x-telepath-intercept-id", "abc:orders")]));

        var reason = routes.ExplainNoMatch(Request("/", ("x-telepath-intercept-id", "secret-value-123")));

        Assert.Equal("header x-telepath-intercept-id did not match", reason);
    }

    [Fact]
    public void The_first_condition_that_failed_is_named()
    {
        var routes = Compile(Intercept("orders", [("x-dev", "alice")], pathPrefix: "/api"));

        Assert.Equal("path prefix did not match", routes.ExplainNoMatch(Request("/web", ("x-dev", "alice"))));
        Assert.Equal("header x-dev did not match", routes.ExplainNoMatch(Request("/web")));
    }

    [Fact]
    public void With_several_personal_intercepts_each_is_named_with_its_own_reason()
    {
        var routes = Compile(Intercept("orders-a", [("x-dev", "alice")]), Intercept("orders-b", [("x-dev", "bob")], pathPrefix: "/api"));

        var reason = routes.ExplainNoMatch(Request("/web", ("x-dev", "bob")));

        Assert.Equal("orders-a: header x-dev did not match; orders-b: path prefix did not match", reason);
    }
}
