using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// A container's requests and limits: standard resource names, no negative quantity, a request no
/// more than its limit. (A quantity that does not parse never gets here: see <see cref="QuantityDecoding"/>.)
/// </summary>
public sealed class ResourceRequirementsRule : IValidationRule
{
    private static readonly string[] Standard = ["cpu", "memory", "ephemeral-storage"];

    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            yield break;
        }

        foreach (var (container, at) in PodSpecs.Containers(spec, path))
        {
            var limits = Quantities(container.At("resources.limits"));
            var requests = Quantities(container.At("resources.requests"));
            foreach (var (list, quantities) in new[] { ("limits", limits), ("requests", requests) })
            {
                foreach (var (name, (text, value)) in quantities)
                {
                    var quantityAt = $"{at}.resources.{list}[{name}]";
                    if (!name.Contains('/') && !Standard.Contains(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal))
                    {
                        yield return FieldError.Invalid(quantityAt, name, "must be a standard resource for containers");
                    }

                    if (value < 0)
                    {
                        yield return FieldError.Invalid(quantityAt, text, "must be greater than or equal to 0");
                    }
                }
            }

            // The real message names the whole requests map and prints quantities canonically
            // ("500m"); here they are printed as written.
            foreach (var (name, (text, value)) in requests)
            {
                if (limits.TryGetValue(name, out var limit) && value > limit.Value)
                {
                    yield return FieldError.Invalid($"{at}.resources.requests", text, $"must be less than or equal to {name} limit of {limit.Text}");
                }
            }
        }
    }

    private static Dictionary<string, (string Text, double Value)> Quantities(JsonNode? map) =>
        map is JsonObject o
            ? o.Select(p => (p.Key, Text: p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? "", Parsed: Quantity.Parse(p.Value).Value))
                .Where(q => q.Parsed is not null)
                .ToDictionary(q => q.Key, q => (q.Text, q.Parsed!.Value))
            : [];
}
