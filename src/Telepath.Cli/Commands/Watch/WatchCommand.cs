using Grpc.Core;
using Telepath.Cli.Daemon;
using Telepath.Daemon;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Watch;

internal static class WatchCommand
{
    /// <returns>0 when Ctrl+C ends the watch: stopping is how a watch is meant to end.</returns>
    public static async Task<int> RunAsync(WatchSettings settings, CancellationToken cancellationToken)
    {
        using var daemon = await DaemonConnection.RequireAsync(DaemonPaths.FromEnvironment(), cancellationToken).ConfigureAwait(false);
        var format = new WatchFormat(settings.ShowQuery, TimeZoneInfo.Local);
        try
        {
            using var call = daemon.Client.WatchRequests(new WatchRequest { Name = settings.Name ?? "", All = settings.All }, cancellationToken: cancellationToken);
            await foreach (var batch in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (settings.Output != OutputFormat.Json && WatchFormat.Notice(batch) is { } notice)
                {
                    await Console.Error.WriteLineAsync(notice).ConfigureAwait(false);
                }

                var lines = settings.Output == OutputFormat.Json ? format.Json(batch) : format.Text(batch);
                foreach (var line in lines)
                {
                    await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
                }

                await Console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            return 0;
        }

        return 0;
    }
}
