using Grpc.Core;
using Telepath.Protocol.Manager;

namespace Telepath.EndToEnd.Tests.Cluster;

/// <summary>Asks the manager over its public gRPC API, as a client would, what it knows.</summary>
public static class ManagerProbe
{
    public static async Task WaitForAgentAsync(string address, string token, string workload, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        Exception? last = null;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                if (await HasAgentAsync(address, token, workload, cancellation.Token))
                {
                    return;
                }
            }
            catch (RpcException e)
            {
                last = e;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException($"no agent of {workload} arrived at the manager {address} within {timeout.TotalSeconds:0} s ({last?.Message})");
    }

    /// <summary>The names of the intercepts the manager holds now.</summary>
    public static async Task<IReadOnlyList<string>> InterceptNamesAsync(string address, string token)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var channel = Core.Grpc.ManagerLink.Create(address, token);
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
        using var channel = Core.Grpc.ManagerLink.Create(address, token);
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
