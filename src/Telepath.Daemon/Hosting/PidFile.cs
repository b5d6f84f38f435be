namespace Telepath.Daemon.Hosting;

/// <summary>The daemon's process id beside its socket, so tools and tests can find the process.</summary>
internal sealed class PidFile(string path) : IDisposable
{
    public static PidFile Write(string path)
    {
        File.WriteAllText(path, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        return new PidFile(path);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Nothing to do on the way out; a stale pid file is harmless.
        }
    }
}
