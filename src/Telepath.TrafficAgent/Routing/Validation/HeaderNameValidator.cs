using Telepath.Protocol.Manager;

namespace Telepath.TrafficAgent.Routing.Validation;

internal sealed class HeaderNameValidator : IInterceptValidator
{
    public string? Validate(InterceptInfo intercept) =>
        intercept.Spec?.Headers.Any(h => string.IsNullOrWhiteSpace(h.Name)) == true ? "a header condition has no header name" : null;
}
