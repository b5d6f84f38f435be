using System.CommandLine.Parsing;
using System.Globalization;
using Telepath.Cli.Errors;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>A TCP port, 1 to 65535, with the message the user should see for anything else.</summary>
internal static class PortArgument
{
    public static int Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        UsageErrors.Add(result, $"invalid port \"{text}\": expected a number from 1 to 65535");
        return 0;
    }
}
