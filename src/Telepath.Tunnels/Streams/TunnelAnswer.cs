using System.Net.Http.Headers;
using Telepath.Protocol.Manager;

namespace Telepath.Tunnels.Streams;

/// <summary>How the manager answered a tunnel's request: established with its headers, or refused and why.</summary>
public readonly record struct TunnelAnswer(TunnelErrorCode? Refusal, string Message, HttpResponseHeaders? Headers)
{
    public bool Established => Refusal is null;

    public static TunnelAnswer Accepted(HttpResponseHeaders headers) => new(null, "", headers);

    public static TunnelAnswer Refused(TunnelErrorCode code, string message) => new(code, message, null);

    /// <summary>One header of an established tunnel's answer, or "" when it has none.</summary>
    public string Header(string name) =>
        Headers is not null && Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() ?? "" : "";
}
