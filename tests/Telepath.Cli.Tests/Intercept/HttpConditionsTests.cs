using Telepath.Cli.Commands.Intercept;

namespace Telepath.Cli.Tests.Intercept;

public sealed class HttpConditionsTests
{
    [Fact]
    public void Auto_and_name_value_pairs_are_told_apart_and_the_value_may_hold_equals_signs()
    {
        var (auto, headers) = HttpConditions.Parse(["auto", "x-user=alice", "x-q=a=b"]);

        Assert.True(auto);
        Assert.Collection(
            headers,
            h => Assert.Equal(("x-user", "alice"), (h.Name, h.ValueRegex)),
            h => Assert.Equal(("x-q", "a=b"), (h.Name, h.ValueRegex)));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("x-user=alice")]
    [InlineData("x-user=ali(ce|x)")]
    public void Good_headers_pass(string header) => Assert.Null(HttpConditions.CheckHeader(header));
}
