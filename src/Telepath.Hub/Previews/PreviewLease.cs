using System.Linq.Expressions;
using Telepath.Hub.Data;

namespace Telepath.Hub.Previews;

/// <summary>
/// A preview lives while its owner's laptop renews it: the daemon lists its previews every 2 s, and a preview
/// not renewed for <see cref="Duration"/> has ended ("laptop gone"), whether or not the sweeper has written that yet.
/// </summary>
public static class PreviewLease
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    /// <summary>Three missed polls: the dashboard shows "laptop gone" from here until the lease runs out.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(6);

    /// <summary>Not ended and renewed within the lease; one expression so every query agrees on what is active.</summary>
    public static Expression<Func<Preview, bool>> IsActive(DateTimeOffset now)
    {
        var renewedSince = now - Duration;
        return p => p.EndedAt == null && p.LastSeenAt > renewedSince;
    }

    public static bool LaptopGone(DateTimeOffset lastSeenAt, DateTimeOffset now) => now - lastSeenAt > Quiet;
}
