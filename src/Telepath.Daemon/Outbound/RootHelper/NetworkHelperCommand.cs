namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>How to run the telepath executable (the helper is the same program, with the hidden <c>network-helper</c> command).</summary>
/// <param name="FileName">The program, e.g. /usr/local/bin/telepath, or dotnet.</param>
/// <param name="LeadingArguments">What comes before the command, e.g. the path of telepath.dll when run through dotnet.</param>
public sealed record NetworkHelperCommand(string FileName, IReadOnlyList<string> LeadingArguments)
{
    public const string CommandName = "network-helper";

    /// <summary>The executable of this process; <paramref name="cliAssembly"/> is added when this process is `dotnet telepath.dll`.</summary>
    public static NetworkHelperCommand ForCurrentProcess(string cliAssembly)
    {
        var executable = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        return Path.GetFileNameWithoutExtension(executable) == "dotnet"
            ? new NetworkHelperCommand(executable, [cliAssembly])
            : new NetworkHelperCommand(executable, []);
    }

    /// <summary>The full argument list: the leading arguments, the command and its options.</summary>
    /// <param name="launcherPid">The telepath process that starts the helper; until a daemon connects, the helper lives only as long as it.</param>
    public IReadOnlyList<string> Arguments(uint userId, string socketPath, int launcherPid) =>
    [
        .. LeadingArguments, CommandName,
        "--uid", userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--socket", socketPath,
        "--launcher-pid", launcherPid.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];
}
