using System.Text.RegularExpressions;

namespace Telepath.Network.Tests.Infrastructure;

/// <summary>What `telepath status` says when no daemon is connected: none runs, or it runs idle.</summary>
public static partial class NotConnectedStatus
{
    [GeneratedRegex(@"Daemon: Not running|Not connected")]
    public static partial Regex Pattern();
}
