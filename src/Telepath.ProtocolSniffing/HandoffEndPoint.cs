using System.Net;

namespace Telepath.ProtocolSniffing;

/// <summary>An in-process Kestrel endpoint that accepts only connections handed to it by a sniffing front.</summary>
public sealed class HandoffEndPoint(string name) : EndPoint
{
    public string Name { get; } = name;

    public override string ToString() => $"handoff:{Name}";
}
