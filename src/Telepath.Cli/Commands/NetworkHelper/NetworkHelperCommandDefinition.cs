using System.CommandLine;
using Telepath.Daemon.Outbound.RootHelper;

namespace Telepath.Cli.Commands.NetworkHelper;

/// <summary>The privileged network helper, as <c>connect</c> starts it through sudo; hidden because people do not type it.</summary>
internal sealed class NetworkHelperCommandDefinition : Command
{
    private const string Help = """
        Runs Telepath's privileged network helper (telepath connect starts it through sudo): it owns the
        nftables table "telepath" and a managed block in /etc/resolv.conf, serves the daemon of user UID on
        the Unix socket PATH, and removes both when that daemon goes.

        Example:
          sudo telepath network-helper --uid 1000 --socket /run/user/1000/telepath/network.sock
        """;

    public NetworkHelperCommandDefinition()
        : base(NetworkHelperCommand.CommandName, Help)
    {
        Hidden = true;
        Options.Add(Uid);
        Options.Add(Socket);
        Options.Add(LauncherPid);
        SetAction((parse, cancellationToken) =>
            NetworkHelperProgram.RunAsync(parse.GetValue(Uid), parse.GetValue(Socket)!, parse.GetValue(LauncherPid), cancellationToken));
    }

    public Option<int?> LauncherPid { get; } = new("--launcher-pid")
    {
        Description = "The telepath process that started the helper: if it exits before a daemon connects (Ctrl+C), so does the helper.",
        HelpName = "PID",
    };

    public Option<uint> Uid { get; } = new("--uid")
    {
        Description = "The user whose daemon may use the helper (root may too).",
        HelpName = "UID",
        Required = true,
    };

    public Option<string> Socket { get; } = new("--socket")
    {
        Description = "The Unix socket to listen on; it is given to UID with mode 0600.",
        HelpName = "PATH",
        Required = true,
    };
}
