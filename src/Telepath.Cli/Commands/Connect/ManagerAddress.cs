using System.CommandLine.Parsing;
using Telepath.Cli.Errors;

namespace Telepath.Cli.Commands.Connect;

/// <summary>Checks <c>--manager HOST:PORT</c> before anything is started.</summary>
internal static class ManagerAddress
{
    public static void Validate(OptionResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return;
        }

        var value = result.Tokens[0].Value;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            UsageErrors.Add(result, $"invalid --manager \"{value}\": expected HOST:PORT with a port from 1 to 65535");
        }
    }
}
