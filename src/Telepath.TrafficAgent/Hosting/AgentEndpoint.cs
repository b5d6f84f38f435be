using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Telepath.TrafficAgent.Hosting;

/// <summary>The service port's Kestrel endpoint, kept to read the port actually bound when Listen asked for 0.</summary>
internal sealed class AgentEndpoint
{
    private ListenOptions? _front;

    public void Configured(ListenOptions front) => _front = front;

    public IPEndPoint Bound =>
        _front?.IPEndPoint ?? throw new InvalidOperationException("The agent's endpoint is not configured; start the agent first.");
}
