using System.Text.RegularExpressions;

namespace Telepath.EndToEnd.Tests.Laptops;

/// <summary>Reads what `telepath intercept` printed.</summary>
public static partial class InterceptOutput
{
    /// <summary>The header condition a personal intercept shows: `header("NAME") ~= regexp("VALUE")`.</summary>
    public static (string Name, string Value) Header(string stdout)
    {
        var match = HeaderLine().Match(stdout);
        Assert.True(match.Success, $"no header condition in:\n{stdout}");
        return (match.Groups[1].Value, Regex.Unescape(match.Groups[2].Value));
    }

    /// <summary>The block DESIGN.md shows for a global intercept.</summary>
    public static string Global(string name, string workload, int port) =>
        $"""
        Using Deployment {workload}
        intercepted
            Intercept name: {name}
            State         : ACTIVE
            Workload kind : Deployment
            Destination   : 127.0.0.1:{port}
            Intercepting  : all TCP connections

        """;

    [GeneratedRegex("""header\("([^"]+)"\) ~= regexp\("([^"]+)"\)""")]
    private static partial Regex HeaderLine();
}
