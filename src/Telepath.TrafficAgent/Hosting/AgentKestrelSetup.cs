using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Telepath.Core.Http;
using Telepath.TrafficAgent.Connections;

namespace Telepath.TrafficAgent.Hosting;

/// <summary>
/// The service port: a global intercept may claim each connection first; otherwise HTTP/1.1 and h2c
/// go to the HTTP pipelines and anything else is relayed to the app as TCP.
/// </summary>
internal sealed class AgentKestrelSetup(
    AgentOptions options,
    AgentEndpoint endpoint,
    GlobalInterceptClaim globalIntercept,
    AppRelay appRelay) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        // Bodies stream through: 20 MB uploads are normal, and a laptop at the end of a tunnel may read slowly.
        kestrel.Limits.MaxRequestBodySize = null;
        kestrel.Limits.MinRequestBodyDataRate = null;
        kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;

        kestrel.ListenWithProtocolSniffing(
            options.Listen,
            appRelay.RelayAsync,
            configure: endpoint.Configured,
            claim: globalIntercept.ClaimAsync);
    }
}
