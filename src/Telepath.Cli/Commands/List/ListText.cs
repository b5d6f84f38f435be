using System.Text;
using Telepath.Cli.Commands.Intercept;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.List;

/// <summary><c>NAME : STATE</c>, names padded to one width as Telepresence does.</summary>
internal static class ListText
{
    public const string NoWorkloads = "No Workloads (Deployments, StatefulSets, ReplicaSets)";

    public static string Format(ListReply list, bool withNamespace = false)
    {
        if (list.Workloads.Count == 0)
        {
            return NoWorkloads + Environment.NewLine;
        }

        string Name(WorkloadEntry w) => withNamespace ? $"{w.Namespace}/{w.Name}" : w.Name;
        var width = list.Workloads.Max(w => Name(w).Length);
        var text = new StringBuilder();
        foreach (var workload in list.Workloads)
        {
            text.Append(Name(workload).PadRight(width)).Append(" : ").Append(workload.State);
            var mirrors = workload.Intercepts.Where(i => i.Spec.Mirror).Select(i => $"{i.Spec.Name} by {i.ClientName}").ToList();
            if (mirrors.Count > 0)
            {
                text.Append($"; mirrored ({string.Join(", ", mirrors)})");
            }

            foreach (var intercept in workload.Intercepts.Where(i => i.State == InterceptState.Waiting))
            {
                text.Append($"; {intercept.Spec.Name} is {InterceptText.Waiting(intercept)}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
