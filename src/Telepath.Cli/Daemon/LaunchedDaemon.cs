namespace Telepath.Cli.Daemon;

/// <summary>The daemon a command reached, and whether the command started it (then it is its to stop again when the command fails).</summary>
internal sealed record LaunchedDaemon(DaemonConnection Connection, bool Started);
