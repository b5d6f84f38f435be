using Telepath.Protocol.Manager;

namespace Telepath.TrafficAgent.Routing.Validation;

/// <summary>Tunnels name the intercept by id, and errors name it by name: both must be there.</summary>
internal sealed class IdentityValidator : IInterceptValidator
{
    public string? Validate(InterceptInfo intercept) =>
        string.IsNullOrEmpty(intercept.Id) ? "it has no id"
        : string.IsNullOrEmpty(intercept.Spec?.Name) ? "it has no name"
        : null;
}
