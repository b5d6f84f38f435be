using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Telepath.TrafficManager.Outbound;
using Telepath.TrafficManager.Volumes;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficManager.Tunnels;

public static class TunnelEndpoints
{
    /// <summary>The data plane's requests (<see cref="TunnelWire"/>), beside the gRPC service on the same port.</summary>
    public static IEndpointRouteBuilder MapTelepathTunnels(this IEndpointRouteBuilder endpoints)
    {
        var broker = endpoints.ServiceProvider.GetRequiredService<TunnelBroker>();
        var outbound = endpoints.ServiceProvider.GetRequiredService<OutboundEndpoint>();
        var volumes = endpoints.ServiceProvider.GetRequiredService<VolumeBroker>();
        endpoints.MapPost(TunnelWire.InterceptPath, new RequestDelegate(broker.ConnectAgentAsync));
        endpoints.MapPost(TunnelWire.StandbyPath, new RequestDelegate(broker.ParkStandbyAsync));
        endpoints.MapPost(TunnelWire.OutboundPath, new RequestDelegate(outbound.HandleAsync));
        endpoints.MapPost(TunnelWire.VolumeStandbyPath, new RequestDelegate(volumes.ParkAsync));
        endpoints.MapPost(TunnelWire.VolumesPath, new RequestDelegate(volumes.OpenAsync));
        return endpoints;
    }
}
