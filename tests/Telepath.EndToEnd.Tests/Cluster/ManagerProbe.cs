using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Cluster;

/// <summary>Asks the manager over its public gRPC API, as a client would, what it knows.</summary>
public static class ManagerProbe
{
    public static Task WaitForAgentAsync(string address, string token, string workload)
    {
        string? refusal = null;
        return Poll.UntilAsync(
            async () =>
            {
                try
                {
                    using var call = new CancellationTokenSource(Poll.Limit);
                    return await HasAgentAsync(address, token, workload, call.Token);
                }
                catch (RpcException e)
                {
                    // The manager is not up yet, or is restarting.
                    refusal = e.Message;
                    return false;
                }
            },
            () => $"no agent of {workload} at the manager {address} ({refusal ?? "it answers, without that agent"})");
    }

    /// <summary>The names of the intercepts the manager holds now.</summary>
    public static async Task<IReadOnlyList<string>> InterceptNamesAsync(string address, string token)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var channel = Telepath.Tunnels.Links.ManagerLink.Create(address, token);
        var manager = new Manager.ManagerClient(channel.Channel);
        var session = await manager.ArriveAsClientAsync(new ClientArrival { Name = "e2e-probe@test", Version = "0" }, cancellationToken: cancellation.Token);
        try
        {
            using var watch = manager.WatchIntercepts(new SessionRef { SessionSecret = session.SessionSecret }, cancellationToken: cancellation.Token);
            return await watch.ResponseStream.MoveNext(cancellation.Token)
                ? [.. watch.ResponseStream.Current.Intercepts.Select(intercept => intercept.Spec.Name)]
                : [];
        }
        finally
        {
            await manager.DepartAsync(new SessionRef { SessionSecret = session.SessionSecret }, cancellationToken: CancellationToken.None);
        }
    }

    public static async Task<bool> HasAgentAsync(string address, string token, string workload, CancellationToken cancellationToken = default)
    {
        using var channel = Telepath.Tunnels.Links.ManagerLink.Create(address, token);
        var manager = new Manager.ManagerClient(channel.Channel);
        var session = await manager.ArriveAsClientAsync(new ClientArrival { Name = "e2e-probe@test", Version = "0" }, cancellationToken: cancellationToken);
        try
        {
            using var watch = manager.WatchAgents(new SessionRef { SessionSecret = session.SessionSecret }, cancellationToken: cancellationToken);
            return await watch.ResponseStream.MoveNext(cancellationToken)
                && watch.ResponseStream.Current.Agents.Any(agent => agent.Workload == workload);
        }
        finally
        {
            await manager.DepartAsync(new SessionRef { SessionSecret = session.SessionSecret }, cancellationToken: CancellationToken.None);
        }
    }
}
