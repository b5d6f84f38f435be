using Telepath.Cli.Daemon;
using Telepath.Daemon;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Leave;

internal static class LeaveCommand
{
    public static async Task<int> RunAsync(string name, CancellationToken cancellationToken)
    {
        using var daemon = await DaemonConnection.RequireAsync(DaemonPaths.FromEnvironment(), cancellationToken).ConfigureAwait(false);

        // Leaving waits up to 10 s for in-flight requests, so allow for that.
        await daemon.Client.LeaveAsync(new LeaveRequest { Name = name }, deadline: DaemonConnection.Deadline(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
