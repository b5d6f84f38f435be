using System.Net;
using System.Text;

namespace Telepath.Daemon.Outbound;

/// <summary>
/// The file itself, changed in place: opened, truncated and written, never replaced by a rename. Under
/// `ip netns exec` and in containers it is a bind mount, and a symlink (to systemd-resolved's stub)
/// must stay a symlink; writing through the path keeps both.
/// </summary>
public sealed partial class ResolvConf
{
    private const string ResolvedStub = "/run/systemd/resolve/stub-resolv.conf";
    private const string ResolvedStubAddress = "127.0.0.53";

    /// <exception cref="IOException">It cannot be read (there is none, say).</exception>
    public Task<string> ReadAsync(CancellationToken cancellationToken) => File.ReadAllTextAsync(Path, cancellationToken);

    /// <summary>Whether the file holds Telepath's block; a file that is not there holds none.</summary>
    public async Task<bool> HasBlockAsync(CancellationToken cancellationToken) =>
        File.Exists(Path) && HasBlock(await ReadAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Writes our block (<see cref="Wrap"/>), replacing one already there.</summary>
    /// <exception cref="IOException">The file cannot be changed.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be changed (not root).</exception>
    public Task ApplyAsync(IPAddress nameserver, IReadOnlyList<string> searchDomains, CancellationToken cancellationToken) =>
        ChangeAsync(text => Wrap(text, nameserver, searchDomains), cancellationToken);

    /// <summary>Restores the file as it was (<see cref="Unwrap"/>); a file without our block is left alone.</summary>
    /// <exception cref="IOException">The file cannot be changed.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be changed (not root).</exception>
    public Task RemoveAsync(CancellationToken cancellationToken) =>
        ChangeAsync(Unwrap, cancellationToken);

    private async Task ChangeAsync(Func<string, string> change, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        // Latin-1 maps every byte to one char and back, so bytes that are not UTF-8 survive the round trip.
        var text = await new StreamReader(file, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, leaveOpen: true).ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var changed = change(text);
        if (changed == text)
        {
            return;
        }

        // Written over, then cut to length: the helper killed between the two leaves the new text with a
        // tail of the old one, never the empty file that truncating first could leave (no resolver at all).
        file.Position = 0;
        var bytes = Encoding.Latin1.GetBytes(changed);
        await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.SetLength(bytes.Length);
    }

    /// <summary>
    /// Whether systemd-resolved is the laptop's resolver: the file is its stub (a link to it, or a copy
    /// whose only nameserver is the stub's address), so split DNS through its D-Bus API is the way in.
    /// </summary>
    public bool PointsAtResolved()
    {
        try
        {
            if (new FileInfo(Path).ResolveLinkTarget(returnFinalTarget: true)?.FullName == ResolvedStub)
            {
                return true;
            }

            var nameservers = File.ReadLines(Path)
                .Select(line => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .Where(words => words.Length >= 2 && words[0] == "nameserver")
                .Select(words => words[1])
                .ToList();
            return nameservers is [ResolvedStubAddress];
        }
        catch (IOException)
        {
            return false;
        }
    }
}
