namespace Telepath.Network.Tests.Infrastructure;

/// <summary>The network helpers' log (one file for every helper on the machine), for failure messages.</summary>
public static class HelperLog
{
    // NetworkHelperProgram.LogPath; this project runs the CLI as a process and does not link the daemon.
    private const string Path = "/var/log/telepath/network-helper.log";

    public static string Tail(int lines = 40)
    {
        try
        {
            return string.Join('\n', File.ReadLines(Path).TakeLast(lines));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"({e.Message})";
        }
    }
}
