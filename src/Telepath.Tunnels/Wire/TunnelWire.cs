using Google.Protobuf.Reflection;
using Telepath.Protocol.Manager;

namespace Telepath.Tunnels.Wire;

/// <summary>
/// The data plane's wire contract (docs/protocol.md, "Tunnels"). Each tunneled TCP connection is one
/// HTTP/2 request to the manager, on the same connection as the gRPC control calls: the request body
/// carries one direction's bytes and the response body the other's, raw. END_STREAM is the
/// half-close and RST_STREAM the abort. A refusal is a status other than 200 with
/// <see cref="ErrorHeader"/> naming the <see cref="Protocol.Manager.TunnelErrorCode"/> and a one-line body.
/// </summary>
public static class TunnelWire
{
    /// <summary>An agent opens one for each new connection (or pooled HTTP connection) of an intercept.</summary>
    public const string InterceptPath = "/telepath.tunnel.v1/intercept";

    /// <summary>
    /// A laptop opens these ahead of need, per intercept; the manager holds each until it joins it to an
    /// agent's tunnel, and only then answers it, so no round trip precedes an intercepted connection's first byte.
    /// </summary>
    public const string StandbyPath = "/telepath.tunnel.v1/standby";

    /// <summary>A laptop's connection to a destination in the cluster, which the manager dials.</summary>
    public const string OutboundPath = "/telepath.tunnel.v1/outbound";

    /// <summary>
    /// An agent that serves its app's volumes keeps one of these parked (docs/protocol.md, "Volumes"); the
    /// manager answers it when a laptop's <see cref="VolumesPath"/> tunnel takes it, passing on
    /// <see cref="VolumeHeader"/>.
    /// </summary>
    public const string VolumeStandbyPath = "/telepath.tunnel.v1/volume-standby";

    /// <summary>
    /// A laptop that holds an intercept asks one of the workload's agents for a volume: with
    /// <see cref="VolumeHeader"/> empty, the list of its volumes (JSON, <c>VolumeList</c>); with a
    /// volume's mount path, an SFTP session over that volume (the agent's <c>sftp-server</c>).
    /// </summary>
    public const string VolumesPath = "/telepath.tunnel.v1/volumes";

    /// <summary>The app container's mount path of the volume asked for; empty asks for the list.</summary>
    public const string VolumeHeader = "telepath-volume";

    /// <summary>The caller's session secret (SessionInfo.session_secret), which authorizes the tunnel.</summary>
    public const string SessionHeader = "telepath-session";
    public const string InterceptHeader = "telepath-intercept";
    public const string HostHeader = "telepath-host";
    public const string PortHeader = "telepath-port";

    /// <summary>The manager's id for a joined or outbound connection, for matching log lines.</summary>
    public const string ConnectionHeader = "telepath-connection";

    /// <summary>"user@host" of the laptop an agent's tunnel was joined to.</summary>
    public const string ClientHeader = "telepath-client";

    /// <summary>The address the manager connected to for an outbound tunnel ("10.0.0.5:80").</summary>
    public const string RemoteAddressHeader = "telepath-remote-address";

    public const string ErrorHeader = "telepath-error";

    /// <summary>The longest refusal message or dial-reply message read; anything longer is cut.</summary>
    public const int MaxMessageBytes = 1024;

    private static readonly EnumDescriptor ErrorCodes = ManagerReflection.Descriptor.EnumTypes.Single(e => e.Name == nameof(TunnelErrorCode));

    /// <summary>The code as the .proto names it ("CLIENT_UNREACHABLE"), for <see cref="ErrorHeader"/>.</summary>
    public static string ErrorName(TunnelErrorCode code) => ErrorCodes.FindValueByNumber((int)code)?.Name ?? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The code an <see cref="ErrorHeader"/> names; null for anything this version does not know.</summary>
    public static TunnelErrorCode? ParseError(string? name) =>
        name is not null && ErrorCodes.FindValueByName(name) is { Number: > 0 } value ? (TunnelErrorCode)value.Number : null;
}
