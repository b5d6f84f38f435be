using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Rollout;

/// <summary>
/// Waits for a workload's rollout: after every change of its pods (a watch) and at least every
/// second (the workload's status has no watch here), it reads the workload, judges
/// it with <see cref="RolloutEvaluator"/> and reports a progress line when it changed.
/// </summary>
public sealed class RolloutWatcher(IKubernetes client)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly WorkloadClient _workloads = new(client);

    public async Task<RolloutOutcome> WaitAsync(Workload workload, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var podWatch = new PodChangeSignal(client, workload.Namespace, LabelSelector(workload));
        podWatch.Start(deadline.Token);
        string? last = null;
        try
        {
            while (true)
            {
                var live = await _workloads.GetAsync(workload.Kind, workload.Name, workload.Namespace, deadline.Token);
                var pods = await client.CoreV1.ListNamespacedPodAsync(workload.Namespace, labelSelector: LabelSelector(workload), cancellationToken: deadline.Token);
                var state = RolloutEvaluator.Evaluate(live, pods.Items.ToList());
                if (state.Failure is not null)
                {
                    return RolloutOutcome.Failed(state.Failure);
                }

                if (state.Done)
                {
                    progress?.Report($"{live.Describe()}: {state.Progress}");
                    return RolloutOutcome.Done;
                }

                if (state.Progress != last)
                {
                    last = state.Progress;
                    progress?.Report($"{live.Describe()}: {state.Progress}");
                }

                await podWatch.WaitAsync(PollInterval, deadline.Token);
            }
        }
        catch (HttpOperationException e) when (KubeStatus.IsForbidden(e))
        {
            throw Forbidden.ToUserError(e, "list", "pods", workload.Namespace);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RolloutOutcome.Failed(
                $"timed out after {Seconds(timeout)} waiting for {workload.Describe()} to roll out{(last is null ? "" : $" ({last})")}");
        }
    }

    /// <summary>"app=orders,tier=web" from the workload's selector (or its template's labels).</summary>
    public static string LabelSelector(Workload workload)
    {
        var labels = workload.Selector?.MatchLabels is { Count: > 0 } match ? match : workload.Template.Metadata?.Labels ?? new Dictionary<string, string>();
        return string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
    }

    private static string Seconds(TimeSpan timeout) =>
        timeout.TotalSeconds >= 120 && timeout.TotalSeconds % 60 == 0 ? $"{timeout.TotalMinutes:0} min" : $"{timeout.TotalSeconds:0} s";
}
