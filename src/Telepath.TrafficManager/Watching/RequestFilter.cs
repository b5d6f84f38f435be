using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Intercepts;

namespace Telepath.TrafficManager.Watching;

/// <summary>
/// Which request events one watcher sees. By default: the requests its own intercepts took (or failed
/// open), and those no intercept matched on the workloads where it holds one, but not another laptop's.
/// <c>all</c>: everything. A named intercept narrows either to that intercept's workload.
/// </summary>
/// <param name="Owned">Where the watcher's client holds intercepts, as of this batch.</param>
/// <param name="Only">The workload of the intercept the watcher named; null for every workload.</param>
public sealed record RequestFilter(bool All, InterceptPlace? Only, IReadOnlyList<InterceptPlace> Owned)
{
    public bool Admits(RequestEvent request)
    {
        if (!InScope(request.Workload, request.Namespace))
        {
            return false;
        }

        if (All)
        {
            return true;
        }

        return request.InterceptId.Length > 0
            ? Owned.Any(o => o.Id == request.InterceptId)
            : Owned.Any(o => o.Workload == request.Workload && o.Namespace == request.Namespace);
    }

    /// <summary>Whether events an agent of this workload dropped may have been for this watcher.</summary>
    public bool CoversWorkload(string workload, string ns) =>
        InScope(workload, ns) && (All || Owned.Any(o => o.Workload == workload && o.Namespace == ns));

    private bool InScope(string workload, string ns) =>
        Only is null || (Only.Workload == workload && Only.Namespace == ns);
}
