using System.Text.Json;
using k8s;
using k8s.Models;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// Plans the undoing of an injection on the LIVE objects: it removes the agent container, its
/// volume (of this version or an older one), the annotations and any laptop's claim, renames the
/// app's port back and points the Service back at its original targetPort, and leaves everything
/// else as it is now. So a change someone made after
/// the injection (an env var, an image, replicas) stays; when nobody changed anything, the result
/// is the saved original, field by field. Planning again on the result plans nothing.
/// </summary>
public static class AgentRestorer
{
    public static RestorePlan Plan(Workload? live, V1Service? liveService)
    {
        var planned = live is null ? null : RestoreWorkload(live);
        var plannedService = liveService is null ? null : RestoreService(liveService);
        return new RestorePlan(
            planned,
            planned is null ? null : ObjectPatches.Workload(live!, planned),
            plannedService,
            plannedService is null ? null : ObjectPatches.Service(liveService!, plannedService),
            live is null || planned is null ? [] : KeptChanges(live, planned));
    }

    // Compared field by field with the saved original: what differs was changed by someone else.
    private static IReadOnlyList<string> KeptChanges(Workload live, Workload planned)
    {
        if (Original<V1PodTemplateSpec>(live.Metadata.Annotations, AgentTemplate.OriginalTemplateAnnotation) is not { } original)
        {
            return [];
        }

        var differences = new JsonPatchBuilder().Diff("", KubeJson.ToNode(original), KubeJson.ToNode(planned.Template)).Build();
        return differences.Select(op => (string)op!["path"]!).Order(StringComparer.Ordinal).ToList();
    }

    public static Workload RestoreWorkload(Workload live)
    {
        var annotations = live.Metadata.Annotations?
            .Where(a => a.Key != AgentTemplate.OriginalTemplateAnnotation && !ClaimAnnotations.IsClaim(a.Key))
            .ToDictionary(a => a.Key, a => a.Value);
        if (!AgentTemplate.IsInjected(live))
        {
            // Never injected, or already restored: a port of the user's own named "tp-x" stays, and
            // only a claim that a crashed laptop left goes.
            return ClaimAnnotations.Any(live.Metadata) ? live.With(KubeJson.Clone(live.Template), annotations) : live;
        }

        var template = KubeJson.Clone(live.Template);
        var original = Original<V1PodTemplateSpec>(live.Metadata.Annotations, AgentTemplate.OriginalTemplateAnnotation);
        template.Spec.Containers = template.Spec.Containers.Where(c => c.Name != AgentTemplate.ContainerName).ToList();
        if (template.Spec.Volumes is { } volumes)
        {
            // An agent injected by an older version has the token copy's volume instead of the projected one.
            var kept = volumes.Where(v => v.Name is not (AgentTemplate.VolumeName or AgentTemplate.LegacyVolumeName)).ToList();
            template.Spec.Volumes = kept.Count == 0 ? null : kept;
        }

        foreach (var container in template.Spec.Containers)
        {
            RenameBack(container, original?.Spec?.Containers?.FirstOrDefault(c => c.Name == container.Name));
        }

        Unlabel(template, original);
        return live.With(template, annotations);
    }

    public static V1Service RestoreService(V1Service live)
    {
        var planned = KubeJson.Clone(live);
        var original = Original<List<V1ServicePort>>(live.Metadata.Annotations, AgentTemplate.OriginalPortsAnnotation);
        foreach (var port in planned.Spec.Ports ?? [])
        {
            if (!PortNames.IsDerived(port.TargetPort?.Value))
            {
                continue;
            }

            var before = original?.FirstOrDefault(p => p.Port == port.Port && (p.Protocol ?? "TCP") == (port.Protocol ?? "TCP"));

            // Without the saved ports, "tp-8080" still says what it was.
            port.TargetPort = before is not null ? before.TargetPort
                : int.TryParse(port.TargetPort!.Value[PortNames.Prefix.Length..], out var number) ? number
                : port.TargetPort;
        }

        var annotations = live.Metadata.Annotations?
            .Where(a => a.Key != AgentTemplate.OriginalPortsAnnotation)
            .ToDictionary(a => a.Key, a => a.Value);
        planned.Metadata.Annotations = annotations is { Count: > 0 } ? annotations : null;
        return planned;
    }

    // The label goes, unless the original template had it: then it gets the original's value back.
    private static void Unlabel(V1PodTemplateSpec template, V1PodTemplateSpec? original)
    {
        if (template.Metadata?.Labels is not { } labels)
        {
            return;
        }

        if (original?.Metadata?.Labels?.TryGetValue(AgentTemplate.AgentLabel, out var before) == true)
        {
            labels[AgentTemplate.AgentLabel] = before;
        }
        else
        {
            labels.Remove(AgentTemplate.AgentLabel);
        }

        template.Metadata.Labels = labels.Count == 0 ? null : labels;
    }

    // A port the injection renamed carries a derived name; the original has the same number under
    // the old name. Probes that followed the rename follow it back.
    private static void RenameBack(V1Container container, V1Container? original)
    {
        foreach (var port in (container.Ports ?? []).ToList())
        {
            if (!PortNames.IsDerived(port.Name))
            {
                continue;
            }

            var name = original?.Ports?.FirstOrDefault(p => p.ContainerPort == port.ContainerPort && (p.Protocol ?? "TCP") == (port.Protocol ?? "TCP"))?.Name
                ?? port.Name![PortNames.Prefix.Length..];
            PortRenames.Rename(container, port.Name!, name);
        }
    }

    private static T? Original<T>(IDictionary<string, string>? annotations, string key) where T : class
    {
        if (annotations?.TryGetValue(key, out var json) != true)
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<T>(json!);
        }
        catch (JsonException)
        {
            return null; // edited by hand into something else: restore without it
        }
    }
}
