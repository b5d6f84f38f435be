namespace Telepath.Core.Identity;

/// <summary>
/// A token file that the kubelet keeps replacing: an agent's projected service-account token lasts
/// <see cref="KubernetesIdentity.TokenSeconds"/> and is rewritten at 80% of that. The token in hand
/// is read again once it is <see cref="RereadAfter"/> old, so every request carries one that is
/// still valid, without a file read per request.
/// </summary>
public sealed class RotatingTokenFile
{
    /// <summary>Far inside the two minutes that a replaced token still lasts.</summary>
    public static readonly TimeSpan RereadAfter = TimeSpan.FromSeconds(30);

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Snapshot _current;

    /// <exception cref="UserErrorException">The file cannot be read now, or is empty: nothing would be accepted.</exception>
    public RotatingTokenFile(string path, TimeProvider time)
    {
        _path = path;
        _time = time;
        _current = new Snapshot(TokenFile.Read(path), time.GetTimestamp());
    }

    /// <summary>The token to send now.</summary>
    public string Read()
    {
        var current = Volatile.Read(ref _current);
        if (_time.GetElapsedTime(current.ReadAt) < RereadAfter)
        {
            return current.Token;
        }

        lock (_gate)
        {
            current = _current;
            if (_time.GetElapsedTime(current.ReadAt) < RereadAfter)
            {
                return current.Token;
            }

            // A failed read keeps the last good token and tries again after the same pause: the
            // kubelet swaps the file by renaming a symlink, and the old token is valid for minutes yet.
            var fresh = new Snapshot(TryRead() ?? current.Token, _time.GetTimestamp());
            Volatile.Write(ref _current, fresh);
            return fresh.Token;
        }
    }

    private string? TryRead()
    {
        try
        {
            var text = File.ReadAllText(_path).Trim();
            return text.Length > 0 ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record Snapshot(string Token, long ReadAt);
}
