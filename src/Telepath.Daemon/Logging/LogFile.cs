namespace Telepath.Daemon.Logging;

/// <summary>Keeps one previous log: at start, a log past the limit becomes <c>NAME.1</c>.</summary>
public static class LogFile
{
    public const long RotateAtBytes = 10 * 1024 * 1024;

    /// <returns>True when the log was rotated.</returns>
    public static bool RotateIfLarge(string path, long limit = RotateAtBytes)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length <= limit)
        {
            return false;
        }

        File.Move(path, path + ".1", overwrite: true);
        return true;
    }
}
