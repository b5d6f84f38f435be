using Grpc.Core;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Tests.Cluster;

/// <summary>Reads a WatchCluster stream until a snapshot shows what a test waits for.</summary>
internal static class ClusterStream
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static async Task<ClusterInfo> NextAsync(AsyncServerStreamingCall<ClusterInfo> call, Func<ClusterInfo, bool> wanted, string description)
    {
        using var timeout = new CancellationTokenSource(Patience);
        ClusterInfo? last = null;
        try
        {
            while (await call.ResponseStream.MoveNext(timeout.Token))
            {
                last = call.ResponseStream.Current;
                if (wanted(last))
                {
                    return last;
                }
            }
        }
        catch (Exception e) when (timeout.IsCancellationRequested && e is RpcException or OperationCanceledException)
        {
            // Reported below with the last snapshot seen.
        }

        throw new Xunit.Sdk.XunitException($"no snapshot {description} within {Patience.TotalSeconds} s; last: {last}");
    }

    public static IReadOnlyList<string>? Addresses(ClusterInfo info, string name) =>
        info.Records.FirstOrDefault(record => record.Name == name)?.Addresses.ToList();
}
