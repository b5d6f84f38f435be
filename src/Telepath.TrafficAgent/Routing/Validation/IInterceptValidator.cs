using Telepath.Protocol.Manager;

namespace Telepath.TrafficAgent.Routing.Validation;

/// <summary>One rule an intercept must satisfy before the agent routes to it.</summary>
internal interface IInterceptValidator
{
    /// <returns>Why the intercept cannot be routed, or null when it can.</returns>
    string? Validate(InterceptInfo intercept);
}
