using Telepath.Daemon;
using Telepath.Daemon.Outbound.RootHelper;
using Telepath.Daemon.Outbound;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Connect;

/// <summary>
/// Starts the privileged network helper for a connect that asks for transparent networking. Here,
/// not in the daemon: only the CLI has the terminal on which sudo can ask for the password.
/// </summary>
internal static class NetworkHelperStart
{
    /// <summary>
    /// Before the daemon starts or the manager is installed: without root and sudo the helper cannot
    /// start, which is said in one line with nothing changed (not after the line saying sudo is used).
    /// </summary>
    /// <exception cref="UserErrorException">Transparent networking asked for, not root and no sudo.</exception>
    public static void EnsurePossible(ProxyChoice proxy)
    {
        if (proxy.Mode == ProxySettings.On)
        {
            NetworkHelperLauncher.EnsureStartable();
        }
    }

    public static async Task<ConnectRequest> AddToAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        if (request.ProxyMode != ProxySettings.On)
        {
            return request;
        }

        var paths = DaemonPaths.FromEnvironment();
        Directory.CreateDirectory(paths.RuntimeDirectory);
        if (!Environment.IsPrivilegedProcess)
        {
            await Console.Error.WriteLineAsync(
                "Telepath needs root once to redirect the cluster's addresses (nftables) and answer its DNS names (resolv.conf); " +
                "starting its network helper with sudo (--proxy=socks needs no root)").ConfigureAwait(false);
        }

        var helper = await NetworkHelperLauncher.StartAsync(
            NetworkHelperCommand.ForCurrentProcess(typeof(TelepathCli).Assembly.Location), paths.NetworkHelperSocket, cancellationToken: cancellationToken).ConfigureAwait(false);
        request.NetworkHelperSocket = helper.SocketPath;
        return request;
    }
}
