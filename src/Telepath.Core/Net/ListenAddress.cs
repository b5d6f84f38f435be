using System.Net;

namespace Telepath.Core.Net;

/// <summary>Parses the HOST:PORT and :PORT forms that flags take.</summary>
public static class ListenAddress
{
    /// <summary>":8080" means every interface; a host name other than localhost is not allowed for listening.</summary>
    public static IPEndPoint Parse(string text, string flag)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            throw new UserErrorException($"invalid {flag} \"{text}\": expected HOST:PORT or :PORT", exitCode: 2);
        }

        var host = text[..colon].Trim('[', ']');
        var address = host switch
        {
            "" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(host, out var ip) => ip,
            _ => throw new UserErrorException($"invalid {flag} \"{text}\": the host must be an IP address or localhost", exitCode: 2),
        };
        return new IPEndPoint(address, port);
    }
}
