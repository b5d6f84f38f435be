using System.Text.RegularExpressions;
using static Telepath.TrafficAgent.Tests.Infrastructure.TestIntercepts;

namespace Telepath.TrafficAgent.Tests.Routing;

/// <summary>The matching rules of docs/protocol.md, "Intercepts" and "Agent routing".</summary>
public sealed class RouteMatchingTests
{
    [Fact]
    public void An_intercept_without_conditions_is_global_and_matches_every_request()
    {
        var routes = Compile(Intercept("orders"));

        Assert.Equal("orders", routes.Global?.Name);
        Assert.Empty(routes.Personal);
        Assert.Equal("orders", routes.Match(Request("/anything"))?.Name);
        Assert.Equal("orders", routes.Match(Request("/", ("x-any", "thing")))?.Name);
    }

    [Fact]
    public void The_auto_header_matches_its_own_intercept_id_and_name_only()
    {
        var id = Guid.NewGuid().ToString();
        var routes = Compile(Intercept("orders", [("x-telepath-intercept-id", Regex.Escape($"{id}:orders"))], id: id));

        Assert.NotNull(routes.Match(Request("/", ("x-telepath-intercept-id", $"{id}:orders"))));
        Assert.Null(routes.Match(Request("/", ("x-telepath-intercept-id", $"{id}:orders2"))));
        Assert.Null(routes.Match(Request("/", ("x-telepath-intercept-id", $"{Guid.NewGuid()}:orders"))));
        Assert.Null(routes.Match(Request("/")));
    }

    [Fact]
    public void A_header_pattern_must_match_the_whole_value()
    {
        var routes = Compile(Intercept("orders", [("x-user", "alice")]));

        Assert.NotNull(routes.Match(Request("/", ("x-user", "alice"))));
        Assert.Null(routes.Match(Request("/", ("x-user", "malice"))));
        Assert.Null(routes.Match(Request("/", ("x-user", "alice2"))));
        Assert.Null(routes.Match(Request("/", ("x-user", "alice\n"))));
    }

    [Fact]
    public void A_header_pattern_matches_when_any_of_the_header_values_matches()
    {
        var routes = Compile(Intercept("orders", [("x-user", "b.b")]));

        Assert.NotNull(routes.Match(Request("/", ("x-user", "alice"), ("x-user", "bob"))));
        Assert.Null(routes.Match(Request("/", ("x-user", "alice"), ("x-user", "carol"))));
    }

    [Fact]
    public void Header_names_match_whatever_their_case()
    {
        var routes = Compile(Intercept("orders", [("X-Telepath-Intercept-Id", "abc")]));

        Assert.NotNull(routes.Match(Request("/", ("x-telepath-intercept-id", "abc"))));
        Assert.NotNull(routes.Match(Request("/", ("X-TELEPATH-INTERCEPT-ID", "abc"))));
    }

    [Fact]
    public void A_path_prefix_compares_the_start_of_the_path()
    {
        var routes = Compile(Intercept("orders", pathPrefix: "/api/"));

        Assert.NotNull(routes.Match(Request("/api/orders")));
        Assert.NotNull(routes.Match(Request("/api/")));
        Assert.Null(routes.Match(Request("/api")));
        Assert.Null(routes.Match(Request("/web/api/")));
    }

    [Fact]
    public void A_path_equal_compares_the_whole_path()
    {
        var routes = Compile(Intercept("orders", pathEqual: "/health"));

        Assert.NotNull(routes.Match(Request("/health")));
        Assert.Null(routes.Match(Request("/health/live")));
        Assert.Null(routes.Match(Request("/Health")));
    }

    [Fact]
    public void A_path_regex_must_match_the_whole_path()
    {
        var routes = Compile(Intercept("orders", pathRegex: "/orders/[0-9]+"));

        Assert.NotNull(routes.Match(Request("/orders/42")));
        Assert.Null(routes.Match(Request("/orders/42/items")));
        Assert.Null(routes.Match(Request("/v1/orders/42")));
    }

    [Fact]
    public void Every_condition_must_match()
    {
        var routes = Compile(Intercept("orders", [("x-user", "alice"), ("x-env", "dev|test")], pathPrefix: "/api"));

        Assert.NotNull(routes.Match(Request("/api/x", ("x-user", "alice"), ("x-env", "test"))));
        Assert.Null(routes.Match(Request("/api/x", ("x-user", "alice"))));
        Assert.Null(routes.Match(Request("/api/x", ("x-user", "alice"), ("x-env", "prod"))));
        Assert.Null(routes.Match(Request("/web", ("x-user", "alice"), ("x-env", "dev"))));
    }

    [Fact]
    public void The_first_matching_personal_intercept_takes_the_request()
    {
        var routes = Compile(
            Intercept("alice-api", [("x-user", "alice")], pathPrefix: "/api"),
            Intercept("alice-all", [("x-user", "alice")]),
            Intercept("bob", [("x-user", "bob")]));

        Assert.Equal("alice-api", routes.Match(Request("/api/1", ("x-user", "alice")))?.Name);
        Assert.Equal("alice-all", routes.Match(Request("/web/1", ("x-user", "alice")))?.Name);
        Assert.Equal("bob", routes.Match(Request("/api/1", ("x-user", "bob")))?.Name);
        Assert.Null(routes.Match(Request("/api/1", ("x-user", "carol"))));
    }

    [Fact]
    public void A_pattern_that_would_backtrack_catastrophically_is_decided_by_what_it_means()
    {
        // A backtracking engine gives up on (a+)+b before it reaches a*c (it used to send such requests to the app).
        var routes = Compile(Intercept("orders", [("x-evil", "(a+)+b|a*c")]));
        var many = new string('a', 40_000);

        Assert.NotNull(routes.Match(Request("/", ("x-evil", many + "c"))));
        Assert.Null(routes.Match(Request("/", ("x-evil", many + "d"))));
    }
}
