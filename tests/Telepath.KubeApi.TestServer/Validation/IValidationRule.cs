using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>One validation rule; <paramref name="old"/> is the stored object on update, null on create.</summary>
public interface IValidationRule
{
    IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old);
}
