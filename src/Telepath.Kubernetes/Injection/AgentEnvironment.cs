using System.Text.RegularExpressions;
using k8s.Models;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// Makes the app container's environment visible to the agent, so that an intercept can hand it
/// to the laptop (<c>--env-file</c>, <c>--env-json</c>). Every <c>env</c> entry of the app is
/// given to the agent under the prefix <see cref="Prefix"/>, with its <c>valueFrom</c> kept, and
/// every <c>envFrom</c> source with the prefix added to its own: the kubelet resolves Secrets,
/// ConfigMaps and the downward API for the agent exactly as for the app. The agent strips the
/// prefix. A JSON copy in one variable could not carry what only the kubelet can resolve.
/// </summary>
public static partial class AgentEnvironment
{
    public const string Prefix = "TELEPATH_APP_";

    /// <summary>The name of the app container, for the agent to report (outside the prefix on purpose).</summary>
    public const string AppContainerVariable = "TELEPATH_AGENT_APP_CONTAINER";

    public const string PodNameVariable = "TELEPATH_POD_NAME";

    public static List<V1EnvVar> Variables(V1Container app)
    {
        var own = (app.Env ?? []).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var variables = new List<V1EnvVar>
        {
            new() { Name = PodNameVariable, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
        };
        foreach (var env in app.Env ?? [])
        {
            variables.Add(new V1EnvVar
            {
                Name = Prefix + env.Name,
                Value = env.Value is null ? null : Reference().Replace(env.Value, m => own.Contains(m.Groups[1].Value) ? $"$({Prefix}{m.Groups[1].Value})" : m.Value),
                ValueFrom = Carried(env.ValueFrom, app.Name),
            });
        }

        variables.Add(new V1EnvVar { Name = AppContainerVariable, Value = app.Name });
        return variables;
    }

    public static List<V1EnvFromSource>? Sources(V1Container app) =>
        app.EnvFrom is null or { Count: 0 }
            ? null
            : app.EnvFrom.Select(source => new V1EnvFromSource
            {
                ConfigMapRef = source.ConfigMapRef,
                SecretRef = source.SecretRef,
                Prefix = Prefix + source.Prefix,
            }).ToList();

    /// <summary>
    /// An app mount's subPathExpr for the agent: the kubelet expands it from the agent's own
    /// environment, where each of the app's variables has the prefix, and refuses to start a
    /// container whose expression names a variable it lacks.
    /// </summary>
    public static string? Expression(string? subPathExpr) =>
        subPathExpr is null ? null : Reference().Replace(subPathExpr, m => $"$({Prefix}{m.Groups[1].Value})");

    // A resourceFieldRef without a container refers to the container it is in: name the app's.
    private static V1EnvVarSource? Carried(V1EnvVarSource? source, string app)
    {
        if (source?.ResourceFieldRef is { } resource && string.IsNullOrEmpty(resource.ContainerName))
        {
            return new V1EnvVarSource
            {
                ResourceFieldRef = new V1ResourceFieldSelector { ContainerName = app, Resource = resource.Resource, Divisor = resource.Divisor },
            };
        }

        return source;
    }

    // $(NAME) expands to a variable defined before it; $$(NAME) is an escaped literal.
    [GeneratedRegex(@"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex Reference();
}
