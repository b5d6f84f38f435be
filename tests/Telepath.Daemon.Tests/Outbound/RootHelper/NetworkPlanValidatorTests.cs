using Telepath.Daemon.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

public sealed class NetworkPlanValidatorTests
{
    [Fact]
    public void The_plans_user_is_the_one_the_helper_gives_not_one_of_the_request()
    {
        var (plan, error) = NetworkPlanValidator.Validate(Apply("10.96.0.0/12"), userId: 1000);

        Assert.Null(error);
        Assert.Equal(1000u, plan!.UserId);
    }

    [Theory]
    [InlineData("0.0.0.0/0", "0.0.0.0/0 is wider than a /8, which is more than any cluster's range")]
    [InlineData("10.0.0.0/7", "10.0.0.0/7 is wider than a /8, which is more than any cluster's range")]
    [InlineData("0.0.0.0/8", "0.0.0.0/8 overlaps 0.0.0.0/8 (\"this network\"), which the laptop itself uses")]
    [InlineData("127.0.0.0/8", "127.0.0.0/8 overlaps 127.0.0.0/8 (loopback), which the laptop itself uses")]
    [InlineData("127.0.0.153/32", "127.0.0.153/32 overlaps 127.0.0.0/8 (loopback), which the laptop itself uses")]
    [InlineData("169.254.169.254/32", "169.254.169.254/32 overlaps 169.254.0.0/16 (link-local), which the laptop itself uses")]
    [InlineData("169.0.0.0/8", "169.0.0.0/8 overlaps 169.254.0.0/16 (link-local), which the laptop itself uses")]
    [InlineData("239.0.0.0/8", "239.0.0.0/8 overlaps 224.0.0.0/3 (multicast, reserved and broadcast), which the laptop itself uses")]
    [InlineData("255.255.255.255/32", "255.255.255.255/32 overlaps 224.0.0.0/3 (multicast, reserved and broadcast), which the laptop itself uses")]
    public void A_cluster_range_the_laptop_depends_on_or_wider_than_a_slash_8_is_refused(string range, string why)
    {
        var (plan, error) = NetworkPlanValidator.Validate(Apply(range), userId: 1000);

        Assert.Null(plan);
        Assert.Equal($"clusterRanges: {why}", error);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("172.16.0.0/12")]
    [InlineData("192.168.0.0/16")]
    [InlineData("100.64.0.0/10")]
    public void A_private_block_up_to_a_slash_8_is_a_cluster_range(string range)
    {
        Assert.Null(NetworkPlanValidator.Validate(Apply(range), userId: 1000).Error);
    }

    private static HelperRequest Apply(string clusterRange) =>
        HelperRequest.Apply([clusterRange], [], 15001, 15353, "127.0.0.153", [], []);
}
