using System.Diagnostics;

namespace Telepath.Daemon.Network;

/// <summary>Telepath's table in the kernel's ruleset, changed through the real `nft` binary, one transaction a change.</summary>
public sealed class NftablesTable(string nft)
{
    // The system's own locations first: root run directly keeps the user's PATH, which may lack /usr/sbin or hold another nft.
    private static readonly string[] s_systemLocations = ["/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft"];

    public NftablesTable()
        : this(s_systemLocations.FirstOrDefault(File.Exists) ?? "nft")
    {
    }

    public Task<HelperReply> ApplyAsync(NetworkPlan plan, CancellationToken cancellationToken) =>
        RunAsync(NftablesRuleset.Apply(plan), cancellationToken);

    /// <summary>Deletes the table if there is one.</summary>
    public Task<HelperReply> RemoveAsync(CancellationToken cancellationToken) =>
        RunAsync(NftablesRuleset.Remove(), cancellationToken);

    private async Task<HelperReply> RunAsync(string script, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(nft)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add("-");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("nft did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return HelperReply.Failed($"cannot run {nft}: {e.Message}; install nftables (apt-get install nftables)");
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.StandardInput.WriteAsync(script.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var error = (await stderr.ConfigureAwait(false)).Trim();
            await stdout.ConfigureAwait(false);
            return process.ExitCode == 0
                ? HelperReply.Done
                : HelperReply.Failed($"nft failed (exit {process.ExitCode}): {FirstLine(error)}");
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}
