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

    [Theory]
    [InlineData(new string[0], false, "")]
    [InlineData(new[] { "--mount" }, false, "")]
    [InlineData(new[] { "--mount=true" }, false, "")]
    [InlineData(new[] { "--mount=false" }, true, "")]
    [InlineData(new[] { "--mount=/tmp/orders" }, false, "/tmp/orders")]
    [InlineData(new[] { "--mount", "/srv/x" }, false, "/srv/x")]
    public void Mount_is_on_by_default_off_with_false_and_may_name_a_directory(string[] mount, bool disabled, string directory)
    {
        var (parse, definition) = Parse(["intercept", "orders", "--port", "8080", .. mount]);

        Assert.Empty(parse.Errors);
        var request = parse.GetValue(definition.Mount)!;
        Assert.Equal(disabled, request.Disabled);
        Assert.Equal(directory, request.Directory);
    }

    [Fact]
    public void A_relative_mount_directory_is_made_absolute_where_the_command_runs()
    {
        var (parse, definition) = Parse("intercept", "orders", "--port", "8080", "--mount=volumes");

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "volumes"), parse.GetValue(definition.Mount)!.Directory);
    }

    private static (ParseResult Parse, InterceptCommandDefinition Definition) Parse(params string[] arguments)
    {
        var parse = CommandTree.Build().Parse(arguments);
        return (parse, (InterceptCommandDefinition)parse.CommandResult.Command);
    }
}
