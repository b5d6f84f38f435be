using Telepath.Hub.CliAuth;

namespace Telepath.Hub.Tests.CliAuth;

public sealed class UserCodeTests
{
    [Fact]
    public void New_codes_use_only_unambiguous_consonants()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => UserCode.New()).ToList();

        Assert.All(codes, code => Assert.Matches("^[BCDFGHJKMNPQRSTVWXZ]{8}$", code));
        Assert.True(codes.Distinct().Count() > 190);
    }

    [Theory]
    [InlineData("bcdf-ghjk", "BCDFGHJK")]
    [InlineData(" BCDF GHJK ", "BCDFGHJK")]
    [InlineData("BCDFGHJK", "BCDFGHJK")]
    [InlineData("BCDF-GHJ", null)]
    [InlineData("ABCD-EFGH", null)]
    [InlineData("BCDF-GHJ0", null)]
    [InlineData(null, null)]
    public void Typed_codes_are_normalised_or_refused(string? typed, string? expected)
    {
        Assert.Equal(expected, UserCode.Normalise(typed));
    }

    [Fact]
    public void Codes_are_shown_in_two_groups_of_four()
    {
        Assert.Equal("BCDF-GHJK", UserCode.Display("BCDFGHJK"));
    }
}
