using System.Diagnostics;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// A tool of the system the helper runs (nft, ip), found in the system's own locations first: root run
/// directly keeps the user's PATH, which may lack /usr/sbin or hold another program of that name.
/// </summary>
public sealed class SystemTool(string path)
{
    private static readonly string[] s_systemDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    public string Path { get; } = path;

    public static SystemTool Find(string name) =>
        new(s_systemDirectories.Select(directory => System.IO.Path.Combine(directory, name)).FirstOrDefault(File.Exists) ?? name);

    /// <returns>Its exit code and its stderr, trimmed.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">It could not be started (not installed).</exception>
    public async Task<(int ExitCode, string Error)> RunAsync(IEnumerable<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var (exitCode, _, error) = await RunCoreAsync(arguments, input, cancellationToken).ConfigureAwait(false);
        return (exitCode, error);
    }

    /// <returns>Its exit code, its stdout and its stderr, trimmed.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">It could not be started (not installed).</exception>
    public Task<(int ExitCode, string Output, string Error)> RunWithOutputAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunCoreAsync(arguments, null, cancellationToken);

    private async Task<(int ExitCode, string Output, string Error)> RunCoreAsync(IEnumerable<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Its messages are read ("Network is unreachable") and quoted to users: the same words in every locale.
        start.Environment["LC_ALL"] = "C";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new System.ComponentModel.Win32Exception($"{Path} did not start");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false)).Trim(), (await stderr.ConfigureAwait(false)).Trim());
    }
}
