using Telepath.Cli.Commands.Status;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Connect;

internal static class ConnectText
{
    public static string Connected(StatusReply status) =>
        status.ProxyMode.Length > 0
            ? $"Connected to {status.Context}, namespace {status.Namespace}\nProxy: {StatusText.Proxy(status)}"
            : $"Connected to {status.Context}, namespace {status.Namespace}";
}
