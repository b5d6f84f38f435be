using System.Net;
using Telepath.Daemon.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

public sealed class NftablesRulesetTests
{
    private static readonly NetworkPlan Plan = new(
        [IPNetwork.Parse("10.96.0.0/12")], [IPNetwork.Parse("10.96.0.1/32")], 15001, 15353, IPAddress.Parse("127.0.0.153"), [], [], UserId: 1000);

    [Fact]
    public void Every_redirect_takes_only_the_sessions_users_traffic()
    {
        var rules = RedirectRules(NftablesRuleset.Apply(Plan));

        Assert.Equal(
            [
                "ip daddr 127.0.0.153 udp dport 53 meta skuid 1000 redirect to :15353",
                "ip daddr 127.0.0.153 tcp dport 53 meta skuid 1000 redirect to :15353",
                "ip daddr @cluster meta l4proto tcp meta skuid 1000 redirect to :15001",
            ],
            rules);
    }

    [Fact]
    public void Where_systemd_resolved_asks_for_the_user_its_queries_are_redirected_too_but_not_its_connections()
    {
        var rules = RedirectRules(NftablesRuleset.Apply(Plan, resolverUserId: 101));

        Assert.Equal(
            [
                "ip daddr 127.0.0.153 udp dport 53 meta skuid { 101, 1000 } redirect to :15353",
                "ip daddr 127.0.0.153 tcp dport 53 meta skuid { 101, 1000 } redirect to :15353",
                "ip daddr @cluster meta l4proto tcp meta skuid 1000 redirect to :15001",
            ],
            rules);
    }

    [Fact]
    public void A_resolver_of_the_sessions_own_user_is_not_named_twice()
    {
        Assert.Equal(RedirectRules(NftablesRuleset.Apply(Plan)), RedirectRules(NftablesRuleset.Apply(Plan, resolverUserId: 1000)));
    }

    private static List<string> RedirectRules(string ruleset) =>
        [.. ruleset.Split('\n').Select(line => line.Trim()).Where(line => line.Contains(" redirect ", StringComparison.Ordinal))];
}
