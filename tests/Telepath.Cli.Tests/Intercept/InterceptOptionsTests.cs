using System.CommandLine;
using Telepath.Cli.Commands;
using Telepath.Cli.Commands.Intercept;

namespace Telepath.Cli.Tests.Intercept;

public sealed class InterceptOptionsTests
{
    [Theory]
    [InlineData("8080", 8080, null)]
    [InlineData("8080:http", 8080, "http")]
    [InlineData("8080:80", 8080, "80")]
    public void Port_takes_the_local_port_and_optionally_the_Service_port(string value, int local, string? servicePort)
    {
        var (parse, definition) = Parse("intercept", "orders", "--port", value);

        Assert.Empty(parse.Errors);
        Assert.Equal(new PortSpec(local, servicePort), parse.GetValue(definition.Port));
    }

    [Theory]
    [InlineData("60s", 60)]
    [InlineData("2m", 120)]
    [InlineData("45", 45)]
    public void Timeout_reads_seconds_and_minutes(string value, int seconds)
    {
        var (parse, definition) = Parse("intercept", "orders", "--port", "8080", "--timeout", value);

        Assert.Empty(parse.Errors);
        Assert.Equal(TimeSpan.FromSeconds(seconds), parse.GetValue(definition.Timeout));
    }

    [Theory]
    [InlineData("--port", "8080:", "invalid port \"8080:\": expected LOCAL or LOCAL:SVCPORT, SVCPORT being the Service port's number or name")]
    [InlineData("--port", "x:http", "invalid port \"x:http\": expected a number from 1 to 65535")]
    [InlineData("--timeout", "0s", "invalid --timeout \"0s\": expected a duration like 60s or 2m (at most 1 hour)")]
    public void Bad_values_are_named_in_one_line(string option, string value, string error)
    {
        var arguments = option == "--port" ? new[] { "intercept", "orders", option, value } : ["intercept", "orders", "--port", "8080", option, value];

        var (parse, _) = Parse(arguments);

        Assert.Equal(error, Assert.Single(parse.Errors).Message);
    }

    private static (ParseResult Parse, InterceptCommandDefinition Definition) Parse(params string[] arguments)
    {
        var parse = CommandTree.Build().Parse(arguments);
        return (parse, (InterceptCommandDefinition)parse.CommandResult.Command);
    }
}
