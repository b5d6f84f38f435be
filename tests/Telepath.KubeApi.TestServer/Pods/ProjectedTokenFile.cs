using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Tokens;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>
/// One <c>serviceAccountToken</c> source of a projected volume: a token for the pod's service account,
/// bound to the pod, in a file the kubelet replaces (atomically, by rename) once 80% of its lifetime
/// has passed, as the kubelet's token manager does (without its jitter, so tests can predict it).
/// </summary>
internal sealed class ProjectedTokenFile : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    private readonly Func<IssuedToken> issue;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly ITimer timer;
    private bool disposed;

    private ProjectedTokenFile(string path, Func<IssuedToken> issue, TimeProvider time)
    {
        Path = path;
        this.issue = issue;
        this.time = time;
        timer = time.CreateTimer(_ => Refresh(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Path { get; }

    /// <summary>Requests the first token and writes it; throws what the TokenRequest refused.</summary>
    public static ProjectedTokenFile Create(string path, Func<IssuedToken> issue, TimeProvider time)
    {
        var file = new ProjectedTokenFile(path, issue, time);
        file.Write(issue());
        return file;
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            timer.Dispose();
        }
    }

    // On a timer thread, where an exception would end the test host: a failed refresh leaves the old token.
    private void Refresh()
    {
        try
        {
            Write(issue());
        }
        catch (KubeStatusException)
        {
            // The pod or its service account is gone; the pod is being stopped.
        }
        catch (IOException)
        {
            // The pod's directory went with the pod.
        }
    }

    private void Write(IssuedToken token)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, token.Token);
            File.Move(temporary, Path, overwrite: true);
            var lifetime = token.ExpirationTimestamp - token.IssuedAt;
            var refreshAt = token.IssuedAt + (lifetime * 0.8 < MaxAge ? lifetime * 0.8 : MaxAge);
            var due = refreshAt - time.GetUtcNow();
            timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}
