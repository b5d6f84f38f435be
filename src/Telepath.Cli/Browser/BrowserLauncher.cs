using System.Diagnostics;

namespace Telepath.Cli.Browser;

/// <summary>
/// Opens a URL in the user's browser where there is one: a desktop session (DISPLAY or
/// WAYLAND_DISPLAY) with xdg-open, or $BROWSER. On a server or over SSH nothing is started and the
/// caller prints the URL instead, so no command ever waits on a browser.
/// </summary>
internal static class BrowserLauncher
{
    /// <returns>True when a browser was asked to open it.</returns>
    public static bool TryOpen(string url)
    {
        var command = Environment.GetEnvironmentVariable("BROWSER") is { Length: > 0 } browser
            ? browser
            : HasDesktop() ? FindOnPath("xdg-open") : null;
        if (command is null)
        {
            return false;
        }

        try
        {
            var start = new ProcessStartInfo(command)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            start.ArgumentList.Add(url);
            using var process = Process.Start(start);
            return process is not null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool HasDesktop() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
