using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// Plans the injection of the traffic agent: a pure transform of the workload's pod template and,
/// for a numeric targetPort, of the Service. The agent takes over the port the Service targets:
/// <list type="bullet">
/// <item>a named targetPort ("http"): the app's port is renamed ("tp-http") and the agent's port
/// gets the original name, so the Service resolves to the agent without being changed;</item>
/// <item>a numeric targetPort (8080): the agent's port is named "tp-8080" and the Service's
/// targetPort becomes that name.</item>
/// </list>
/// The original template (and the Service's original ports) are saved in annotations by the same
/// patch, for <see cref="AgentRestorer"/>.
/// </summary>
public static class AgentInjector
{
    public static InjectionPlan Plan(Workload workload, V1Service service, V1ServicePort servicePort, AgentSettings settings)
    {
        var template = KubeJson.Clone(workload.Template);
        if (AgentTemplate.Agent(template) is { } existing)
        {
            return AlreadyInjected(workload, template, existing, service, servicePort, settings);
        }

        var app = AppPort.Find(workload, template, service, servicePort);
        var agentPort = FreePort(template, settings.AgentPort);
        string agentPortName;
        if (app.PortName is { } named)
        {
            agentPortName = named;
            PortRenames.Rename(app.Container, named, Unused(template, PortNames.Derive(named)));
        }
        else
        {
            agentPortName = Unused(template, PortNames.Derive(app.Number.ToString()));
        }

        template.Spec.Containers.Add(AgentContainer.Build(workload, template.Spec, app.Container, app.Number, agentPortName, agentPort, settings));
        Label(template);
        template.Spec.Volumes ??= [];
        template.Spec.Volumes.Add(AgentIdentity.Volume());

        var annotations = new Dictionary<string, string>(workload.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            [AgentTemplate.OriginalTemplateAnnotation] = KubeJson.ToNode(workload.Template).ToJsonString(),
        };
        var planned = workload.With(template, annotations);
        var plannedService = app.PortName is null ? ServiceTargetPort.Retarget(service, servicePort, agentPortName) : null;
        return new InjectionPlan(
            planned,
            ObjectPatches.Workload(workload, planned),
            plannedService,
            plannedService is null ? null : ObjectPatches.Service(service, plannedService),
            app.Container.Name,
            app.Number,
            agentPort,
            agentPortName);
    }

    // Injecting again for the same port changes only what an older version did otherwise: an agent
    // of another image is upgraded in place (its args and ports are the same across versions), one
    // that mounts a copy of the manager's token gets the projected token instead, pods an older
    // injection did not label get the agent label, and an agent whose copies of the app's volume
    // mounts are not the app's (injected before volumes, or the app changed since) gets them. Another port needs its own agent, which one
    // sidecar cannot be.
    private static InjectionPlan AlreadyInjected(
        Workload workload, V1PodTemplateSpec template, V1Container agent, V1Service service, V1ServicePort servicePort, AgentSettings settings)
    {
        var target = servicePort.TargetPort?.Value is { Length: > 0 } value ? value : servicePort.Port.ToString();
        var agentPort = agent.Ports?.FirstOrDefault();
        var wanted = int.TryParse(target, out _) ? PortNames.Derive(target) : target;
        if (agentPort?.Name != wanted && agentPort?.Name != target)
        {
            throw new UserErrorException(
                $"{workload.Describe()} already has a traffic agent for port \"{agentPort?.Name}\"; remove it first with \"telepath uninstall --agent {workload.Name}\"");
        }

        var plannedService = agentPort.Name == target ? null : ServiceTargetPort.Retarget(service, servicePort, agentPort.Name);
        var app = AppOf(template, agent);
        var outdatedImage = agent.Image == settings.Image ? null : agent.Image;
        // An agent injected before pods were labelled gets the label too, or the manager's NetworkPolicy shuts it out.
        var unlabelled = template.Metadata?.Labels?.TryGetValue(AgentTemplate.AgentLabel, out var label) != true || label != AgentTemplate.AgentLabelValue;
        var legacyIdentity = AgentIdentity.IsLegacy(template);
        var volumesChanged = AgentVolumes.Refresh(template.Spec, app, agent);
        var changes = outdatedImage is not null || unlabelled || legacyIdentity || volumesChanged;
        var planned = workload;
        if (changes)
        {
            agent.Image = settings.Image;
            Label(template);
            if (legacyIdentity)
            {
                AgentIdentity.ReplaceLegacy(template, agent);
            }

            planned = workload.With(template, workload.Metadata.Annotations ?? new Dictionary<string, string>());
        }

        return new InjectionPlan(
            planned,
            changes ? ObjectPatches.Workload(workload, planned) : null,
            plannedService,
            plannedService is null ? null : ObjectPatches.Service(service, plannedService),
            app.Name,
            0,
            agentPort.ContainerPort,
            agentPort.Name)
        {
            UpgradedFrom = outdatedImage,
            Relabelled = unlabelled && outdatedImage is null && !legacyIdentity,
        };
    }

    /// <summary>The container the agent fronts: the one with the port its <c>--app 127.0.0.1:PORT</c> names, else the first other one.</summary>
    private static V1Container AppOf(V1PodTemplateSpec template, V1Container agent)
    {
        var others = template.Spec.Containers.Where(c => c.Name != AgentTemplate.ContainerName).ToList();
        var at = agent.Args?.IndexOf("--app") ?? -1;
        if (at >= 0 && at + 1 < agent.Args!.Count && agent.Args[at + 1].Split(':') is [_, var portText] && int.TryParse(portText, out var port))
        {
            return others.FirstOrDefault(c => c.Ports?.Any(p => p.ContainerPort == port) == true) ?? others.First();
        }

        return others.First();
    }

    private static void Label(V1PodTemplateSpec template)
    {
        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels ??= new Dictionary<string, string>();
        template.Metadata.Labels[AgentTemplate.AgentLabel] = AgentTemplate.AgentLabelValue;
    }

    private static int FreePort(V1PodTemplateSpec template, int first)
    {
        var used = template.Spec.Containers.Concat(template.Spec.InitContainers ?? [])
            .SelectMany(c => c.Ports ?? [])
            .Select(p => p.ContainerPort)
            .ToHashSet();
        var port = first;
        while (used.Contains(port))
        {
            port++;
        }

        return port;
    }

    private static string Unused(V1PodTemplateSpec template, string name)
    {
        var taken = template.Spec.Containers.SelectMany(c => c.Ports ?? []).Any(p => p.Name == name);
        return taken
            ? throw new UserErrorException($"the pod template already has a port named \"{name}\", which Telepath needs for its agent")
            : name;
    }
}
