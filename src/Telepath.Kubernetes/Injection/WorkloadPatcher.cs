using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// Applies a planned patch, planning again on a fresh read when the object changed in between
/// (the patch's resourceVersion test fails), so that someone else's change is never overwritten.
/// </summary>
internal sealed class WorkloadPatcher(IKubernetes client)
{
    private const int Attempts = 6;

    private readonly WorkloadClient _workloads = new(client);

    public async Task<Workload> PatchWorkloadAsync(Workload live, Func<Workload, V1Patch?> plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (plan(live) is not { } patch)
            {
                return live;
            }

            try
            {
                return await _workloads.PatchAsync(live, patch, cancellationToken);
            }
            catch (HttpOperationException e) when (IsStale(e) && attempt < Attempts)
            {
                live = await _workloads.GetAsync(live.Kind, live.Name, live.Namespace, cancellationToken);
            }
            catch (HttpOperationException e) when (!KubeStatus.IsForbidden(e))
            {
                throw new UserErrorException($"the cluster refused the change to {live.Describe()}: {KubeStatus.Message(e)}");
            }
        }
    }

    /// <summary>Patches the Service as planned; false when the plan had nothing to change.</summary>
    public async Task<bool> PatchServiceAsync(V1Service live, Func<V1Service, V1Patch?> plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (plan(live) is not { } patch)
            {
                return false;
            }

            try
            {
                await client.CoreV1.PatchNamespacedServiceAsync(patch, live.Name(), live.Namespace(), cancellationToken: cancellationToken);
                return true;
            }
            catch (HttpOperationException e) when (KubeStatus.IsForbidden(e))
            {
                throw Forbidden.ToUserError(e, "patch", "services", live.Namespace());
            }
            catch (HttpOperationException e) when (IsStale(e) && attempt < Attempts)
            {
                live = await client.CoreV1.ReadNamespacedServiceAsync(live.Name(), live.Namespace(), cancellationToken: cancellationToken);
            }
            catch (HttpOperationException e)
            {
                throw new UserErrorException($"the cluster refused the change to service \"{live.Name()}\": {KubeStatus.Message(e)}");
            }
        }
    }

    // A failed "test" of the resourceVersion: 409 from some servers, 422 from the API server.
    private static bool IsStale(HttpOperationException e) =>
        e.Response?.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity;
}
