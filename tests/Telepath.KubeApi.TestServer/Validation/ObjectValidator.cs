using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>Runs every rule and turns the errors into the 422 Invalid Status kube-apiserver sends.</summary>
public sealed class ObjectValidator(IReadOnlyList<IValidationRule> rules)
{
    public static ObjectValidator Default { get; } = new(
    [
        new MetadataNameRule(),
        new LabelsAndAnnotationsRule(),
        new ContainerNameRule(),
        new ContainerImageRequired(),
        new UniqueContainerNames(),
        new ContainerPortRule(),
        new ProbePortRule(),
        new EnvRule(),
        new VolumeRule(),
        new VolumeMountRule(),
        new ResourceRequirementsRule(),
        new ServicePortRule(),
        new SecretDataRule(),
        new PolicyRulesRule(),
        new RoleBindingRule(),
        new WorkloadSelectorRule(),
        new NetworkPolicyRule(),
    ]);

    public void Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var errors = rules.SelectMany(r => r.Validate(type, obj, old)).ToList();
        if (errors.Count == 0)
        {
            return;
        }

        throw Invalid(type, obj.Name(), errors);
    }

    /// <summary>The 422 of apimachinery's <c>errors.NewInvalid</c>: one error as it is, several in brackets.</summary>
    public static KubeStatusException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var list = errors.Count == 1 ? errors[0].ToString() : $"[{string.Join(", ", errors)}]";
        var details = StatusObjects.Details(type, name, type.Kind);
        details["causes"] = new JsonArray(errors.Select(e => (JsonNode)e.ToCause()).ToArray());
        return new KubeStatusException(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {list}", details);
    }
}
