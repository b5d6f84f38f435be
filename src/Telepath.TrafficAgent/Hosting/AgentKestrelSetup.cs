using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Telepath.ProtocolSniffing;
using Telepath.TrafficAgent.Connections;
using Telepath.TrafficAgent.Http1;

namespace Telepath.TrafficAgent.Hosting;

/// <summary>
/// The service port: HTTP/1.x goes to the relay and h2c to Kestrel's HTTP/2 pipeline, which both route
/// each request; anything else is relayed as TCP, through a global intercept's tunnel when there is
/// one, else to the app.
/// </summary>
internal sealed class AgentKestrelSetup(
    AgentOptions options,
    AgentEndpoint endpoint,
    GlobalInterceptClaim globalIntercept,
    AppRelay appRelay,
    Http1Relay http1) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        // Bodies stream through: 20 MB uploads are normal, and the app decides what it takes.
        kestrel.Limits.MaxRequestBodySize = null;
        AgentLimits.Apply(kestrel.Limits);
        kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;

        // HTTP is routed per request even under a global intercept; only bytes that are not HTTP
        // are relayed whole, to the laptop under a global intercept, else to the app.
        kestrel.ListenWithProtocolSniffing(
            options.Listen,
            async connection =>
            {
                if (!await globalIntercept.ClaimAsync(connection).ConfigureAwait(false))
                {
                    await appRelay.RelayAsync(connection).ConfigureAwait(false);
                }
            },
            configure: endpoint.Configured,
            relayHttp1: http1.RelayAsync);
    }
}
