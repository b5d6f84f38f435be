using Telepath.Core.Intercepts;

namespace Telepath.Core.Tests.Intercepts;

public sealed class ConditionPatternTests
{
    [Theory]
    [InlineData("alice", "alice", true)]
    [InlineData("alice", "malice", false)]
    [InlineData("a|b", "ab", false)]
    [InlineData("(?i)ALICE", "alice", true)]
    public void A_pattern_matches_whole_values_only(string pattern, string value, bool expected) =>
        Assert.Equal(expected, ConditionPattern.WholeMatch(pattern).IsMatch(value));

    [Fact]
    public void A_pattern_that_backtracks_catastrophically_is_decided_by_what_it_means()
    {
        // A backtracking engine tries (a+)+b in 2^n ways before it reaches a*c; without backtracking both are one pass.
        var regex = ConditionPattern.WholeMatch("(a+)+b|a*c");
        var many = new string('a', 50_000);

        Assert.Matches(regex, many + "c");
        Assert.DoesNotMatch(regex, many + "d");
    }

    [Theory]
    [InlineData(@"(a)\1", @"backreference (\ number)")]
    [InlineData("(?=a)a", "positive lookahead (?= pattern) or positive lookbehind (?<= pattern)")]
    [InlineData("(?!a).*", "negative lookahead (?! pattern) or negative lookbehind (?<! pattern)")]
    [InlineData("(?>a+)", "atomic subexpressions (?> pattern)")]
    public void A_pattern_that_needs_backtracking_is_refused_saying_so(string pattern, string construct) =>
        Assert.Equal($"not supported without backtracking (patterns run with RegexOptions.NonBacktracking): {construct}", ConditionPattern.Problem(pattern));

    [Fact]
    public void A_pattern_that_does_not_parse_is_refused_with_the_parser_message_about_it() =>
        Assert.Equal("Invalid pattern '(' at offset 1. Not enough )'s.", ConditionPattern.Problem("("));

    [Fact]
    public void A_pattern_that_parses_alone_but_not_inside_a_group_is_refused()
    {
        // In x mode, # starts a comment to the end of the line: it would swallow the group's closing parenthesis.
        Assert.StartsWith("the pattern cannot be matched against a whole value: ", ConditionPattern.Problem("(?x)alice # the user"));
    }

    [Fact]
    public void A_pattern_cannot_escape_its_group_to_match_part_of_a_value()
    {
        // Were it pasted between anchors unchecked, "a)|(b" would match any value that starts with a.
        Assert.NotNull(ConditionPattern.Problem("a)|(b"));
    }
}
