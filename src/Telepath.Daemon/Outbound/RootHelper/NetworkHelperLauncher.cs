using System.Diagnostics;
using System.Runtime.InteropServices;
using Telepath.Core;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>The helper once it listens: its process id and its socket, for <see cref="NetworkHelperClient.ConnectAsync"/>.</summary>
public sealed record NetworkHelperStarted(int ProcessId, string SocketPath);

/// <summary>
/// Starts the privileged helper from the CLI, which has the terminal: through sudo (which asks for the
/// password there) when not root, directly when root; and waits until it listens.
/// </summary>
public static partial class NetworkHelperLauncher
{
    public const string NoSudo = "changing the network needs root: run telepath connect as root, install sudo, or use --proxy=socks";

    // Long enough to type a password at sudo's prompt.
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromMinutes(2);

    /// <param name="messages">Where sudo's and the helper's messages go until it is ready; the CLI's stderr by default.</param>
    /// <exception cref="UserErrorException">No sudo, sudo refused, or the helper did not get ready in time.</exception>
    public static async Task<NetworkHelperStarted> StartAsync(
        NetworkHelperCommand telepath, string socketPath, TimeSpan? readyTimeout = null, CancellationToken cancellationToken = default, TextWriter? messages = null)
    {
        var timeout = readyTimeout ?? DefaultReadyTimeout;
        var start = StartInfo(telepath, socketPath);

        // The helper (root) never removes what is at its path; the socket of an earlier one goes here, as the user.
        File.Delete(socketPath);
        using var process = Process.Start(start) ?? throw new UserErrorException($"could not start {start.FileName}");

        // sudo asks on /dev/tty, not on stdin; the helper reads nothing.
        process.StandardInput.Close();
        using var relayEnd = new CancellationTokenSource();
        var relay = RelayAsync(process.StandardError, messages ?? Console.Error, relayEnd.Token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                if (line.Trim() == NetworkHelperServer.ReadyLine)
                {
                    return new NetworkHelperStarted(process.Id, socketPath);
                }
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);

            // Its last words (sudo's "incorrect password attempts") come before ours.
            await relay.ConfigureAwait(false);
            throw new UserErrorException($"the network helper did not start ({start.FileName} exited with code {process.ExitCode}); see the message above");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new UserErrorException($"the network helper was not ready within {timeout.TotalSeconds:0} s; run telepath connect again, or use --proxy=socks");
        }
        finally
        {
            await relayEnd.CancelAsync().ConfigureAwait(false);
            await relay.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Passes the helper's stderr on, line by line, until it is ready. A pipe of ours rather than the
    /// CLI's own stderr: sudo and the helper outlive connect, and had they the CLI's stderr (a
    /// terminal, or the pipe of <c>telepath connect 2>&amp;1 | tee log</c>), that pipe would stay open
    /// until quit and the command's output would never end.
    /// </summary>
    private static async Task RelayAsync(StreamReader source, TextWriter destination, CancellationToken cancellationToken)
    {
        try
        {
            while (await source.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                await destination.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Ready (or given up on): nothing it says from now on is for the CLI's user.
        }
    }

    /// <summary>Says, before anything is changed or asked, that the helper cannot be started: not root and no sudo.</summary>
    /// <exception cref="UserErrorException">Not root and no sudo on PATH.</exception>
    public static void EnsureStartable()
    {
        if (geteuid() != 0 && FindOnPath("sudo") is null)
        {
            throw new UserErrorException(NoSudo);
        }
    }

    private static ProcessStartInfo StartInfo(NetworkHelperCommand telepath, string socketPath) =>
        StartInfo(telepath, socketPath, getuid(), geteuid() == 0, FindOnPath("sudo"), Environment.ProcessId);

    /// <param name="sudo">sudo's path, null when it is not installed.</param>
    /// <exception cref="UserErrorException">Not root and no sudo.</exception>
    internal static ProcessStartInfo StartInfo(NetworkHelperCommand telepath, string socketPath, uint userId, bool root, string? sudo, int launcherPid)
    {
        ProcessStartInfo start;
        if (root)
        {
            start = new ProcessStartInfo(telepath.FileName);
        }
        else
        {
            start = new ProcessStartInfo(sudo ?? throw new UserErrorException(NoSudo));
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(telepath.FileName);
        }

        foreach (var argument in telepath.Arguments(userId, socketPath, launcherPid))
        {
            start.ArgumentList.Add(argument);
        }

        // stdout carries the ready line; stderr is passed on until then (RelayAsync); sudo prompts on /dev/tty.
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        return start;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    [LibraryImport("libc")]
    private static partial uint getuid();

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
