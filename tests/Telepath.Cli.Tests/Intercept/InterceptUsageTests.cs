using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Intercept;

public sealed class InterceptUsageTests : CliTest
{
    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("70000")]
    public async Task A_bad_port_is_a_usage_error(string port)
    {
        var result = await Cli.RunAsync("intercept", "orders", "--port", port);

        Assert.Equal(Lines.Of($"telepath: invalid port \"{port}\": expected a number from 1 to 65535"), result.StdErr);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
    }

    [Theory]
    [InlineData("x=")]
    [InlineData("=v")]
    [InlineData("novalue")]
    public async Task A_header_without_name_or_value_is_a_usage_error(string header)
    {
        var result = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--http-header", header);

        Assert.Equal(Lines.Of($"telepath: invalid --http-header \"{header}\": expected NAME=VALUE with a non-empty name and value, or auto"), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_header_given_with_an_equals_sign_is_checked_the_same_way()
    {
        var result = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--http-header=x=");

        Assert.Equal(Lines.Of("telepath: invalid --http-header \"x=\": expected NAME=VALUE with a non-empty name and value, or auto"), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_mirror_body_limit_needs_a_mirror()
    {
        var result = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--mirror-body-limit", "10");

        Assert.Equal(Lines.Of("telepath: --mirror-body-limit needs --mirror"), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_bad_path_regex_is_a_usage_error_with_the_regex_parser_message()
    {
        var result = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--http-path-regex", "(");

        Assert.Equal(Lines.Of($"telepath: invalid --http-path-regex \"(\": {RegexError("(")}"), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_bad_header_value_regex_is_a_usage_error_with_the_regex_parser_message()
    {
        var result = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--http-header", "x-a=(");

        Assert.Equal(Lines.Of($"telepath: invalid --http-header \"x-a=(\": {RegexError("(")}"), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_header_pattern_that_needs_backtracking_is_a_usage_error_saying_so()
    {
        var result = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--http-header", @"x-a=(a)\1");

        Assert.Equal(Lines.Of(@"telepath: invalid --http-header ""x-a=(a)\1"": not supported without backtracking (patterns run with RegexOptions.NonBacktracking): backreference (\ number)"), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_path_pattern_that_needs_backtracking_is_a_usage_error_saying_so()
    {
        var result = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--http-path-regex", "/(?!admin).*");

        Assert.Equal(Lines.Of(@"telepath: invalid --http-path-regex ""/(?!admin).*"": not supported without backtracking (patterns run with RegexOptions.NonBacktracking): negative lookahead (?! pattern) or negative lookbehind (?<! pattern)"), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task An_unknown_option_is_one_line_pointing_at_the_help()
    {
        var result = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--bogus");

        Assert.Equal(Lines.Of("telepath: Unrecognized command or argument '--bogus'; see \"telepath intercept --help\""), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_missing_workload_is_one_line_pointing_at_the_help()
    {
        var result = await Cli.RunAsync("intercept", "--port", "8080");

        Assert.Equal(Lines.Of("telepath: Required argument missing for command: 'intercept'; see \"telepath intercept --help\""), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    private static string RegexError(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern);
        }
        catch (System.Text.RegularExpressions.RegexParseException e)
        {
            return e.Message;
        }

        throw new InvalidOperationException($"{pattern} compiled");
    }
}
