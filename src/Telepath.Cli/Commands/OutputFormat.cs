namespace Telepath.Cli.Commands;

/// <summary>
/// What <c>--output</c> asks for (<see cref="OutputOption"/>). Without System.CommandLine, so that the
/// native front end (src/Telepath.Cli.Launcher) compiles it too.
/// </summary>
public enum OutputFormat
{
    Text,
    Json,
}
