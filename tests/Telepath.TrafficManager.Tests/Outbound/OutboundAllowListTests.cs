using System.Net;
using Telepath.Core;
using Telepath.TrafficManager.Outbound;

namespace Telepath.TrafficManager.Tests.Outbound;

public sealed class OutboundAllowListTests
{
    [Fact]
    public void Ranges_and_addresses_separated_by_commas_or_spaces_are_read()
    {
        var list = OutboundAllowList.Parse(["127.0.0.0/8, 169.254.169.254", "fd00::/8 ::1"], "--allow-outbound");

        Assert.Equal(
            [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.169.254/32"), IPNetwork.Parse("fd00::/8"), IPNetwork.Parse("::1/128")],
            list);
    }

    [Theory]
    [InlineData("10.0.0.1/8", "invalid TELEPATH_ALLOW_OUTBOUND \"10.0.0.1/8\": write the range as 10.0.0.0/8")]
    [InlineData("metadata", "invalid TELEPATH_ALLOW_OUTBOUND \"metadata\": expected a CIDR such as 169.254.169.254/32 or 127.0.0.0/8, or an address")]
    [InlineData("10.0.0.0/33", "invalid TELEPATH_ALLOW_OUTBOUND \"10.0.0.0/33\": expected a CIDR such as 169.254.169.254/32 or 127.0.0.0/8, or an address")]
    public void Text_that_is_not_a_range_is_refused_saying_what_to_write(string text, string message)
    {
        var error = Assert.Throws<UserErrorException>(() => OutboundAllowList.Parse([text], OutboundAllowList.Variable));

        Assert.Equal(message, error.Message);
        Assert.Equal(2, error.ExitCode);
    }
}
