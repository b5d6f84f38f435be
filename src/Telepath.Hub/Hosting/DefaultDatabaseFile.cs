namespace Telepath.Hub.Hosting;

/// <summary>`$XDG_DATA_HOME/telepath/hub.db`, else `~/.local/share/telepath/hub.db`; its folder is made on first use.</summary>
public static class DefaultDatabaseFile
{
    public static string Path()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        var folder = System.IO.Path.Combine(dataHome, "telepath");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, "hub.db");
    }
}
