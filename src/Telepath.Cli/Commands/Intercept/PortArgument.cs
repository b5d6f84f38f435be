using System.CommandLine.Parsing;
using System.Globalization;
using Telepath.Cli.Errors;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>
/// <c>--port LOCAL[:SVCPORT]</c>: the laptop's port, 1 to 65535, and optionally the Service port
/// (its number or name) the intercept takes over, with the message the user should see for anything else.
/// </summary>
internal static class PortArgument
{
    public static PortSpec Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var colon = text.IndexOf(':');
        var local = colon < 0 ? text : text[..colon];
        var service = colon < 0 ? null : text[(colon + 1)..];
        if (!int.TryParse(local, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            UsageErrors.Add(result, $"invalid port \"{text}\": expected a number from 1 to 65535");
            return new PortSpec(0, null);
        }

        if (service is not null && (service.Length == 0 || service.Contains(':')))
        {
            UsageErrors.Add(result, $"invalid port \"{text}\": expected LOCAL or LOCAL:SVCPORT, SVCPORT being the Service port's number or name");
            return new PortSpec(0, null);
        }

        return new PortSpec(port, service);
    }
}

/// <param name="Local">The laptop's port.</param>
/// <param name="ServicePort">The Service port's number or name; null for the only one.</param>
internal sealed record PortSpec(int Local, string? ServicePort);
