using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Connect;

internal static class ConnectText
{
    public static string Connected(StatusReply status) => $"Connected to {status.Context}, namespace {status.Namespace}";
}
