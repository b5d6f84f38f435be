using static Telepath.TrafficAgent.Tests.Infrastructure.TestIntercepts;

namespace Telepath.TrafficAgent.Tests.Routing;

public sealed class RouteCompilerTests
{
    [Fact]
    public void An_intercept_whose_pattern_does_not_compile_is_skipped_and_the_others_kept()
    {
        var routes = Compile(
            Intercept("broken", [("x-user", "(unclosed")]),
            Intercept("broken-path", pathRegex: "[z-a]"),
            Intercept("fine", [("x-user", "alice")]));

        Assert.Equal(["fine"], routes.Routes.Select(r => r.Name));
    }

    [Fact]
    public void An_intercept_whose_pattern_needs_backtracking_is_skipped()
    {
        var routes = Compile(
            Intercept("backreference", [("x-user", @"(a)\1")]),
            Intercept("lookahead", pathRegex: "/(?!admin).*"),
            Intercept("fine", [("x-user", "alice")]));

        Assert.Equal(["fine"], routes.Routes.Select(r => r.Name));
    }

    [Fact]
    public void An_intercept_without_id_or_name_is_skipped()
    {
        var routes = Compile(Intercept("", [("x-user", "a")]), Intercept("no-id", id: ""), Intercept("fine"));

        Assert.Equal(["fine"], routes.Routes.Select(r => r.Name));
    }

    [Fact]
    public void A_header_condition_without_a_name_is_refused()
    {
        var routes = Compile(Intercept("nameless", [(" ", "a")]));

        Assert.Empty(routes.Routes);
    }

    [Fact]
    public void The_snapshot_describes_itself_for_the_routes_log_line()
    {
        Assert.Equal("0 intercept(s)", Compile().ToString());
        Assert.Equal("1 intercept(s): orders (global)", Compile(Intercept("orders")).ToString());
        Assert.Equal(
            "2 intercept(s): a (personal), b (personal)",
            Compile(Intercept("a", pathPrefix: "/a"), Intercept("b", [("x", "y")])).ToString());
    }

    [Fact]
    public void A_route_names_the_laptop_target_it_dials()
    {
        var route = Assert.Single(Compile(Intercept("orders")).Routes);

        Assert.Equal("127.0.0.1:8080", route.TargetAddress);
        Assert.Equal("alice@laptop", route.ClientName);
    }
}
