using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// networking/validation ValidateNetworkPolicySpec: label selectors' matchLabels, each rule's ports
/// (protocol, number or IANA name, endPort) and peers (at least one selector or an ipBlock, which
/// stands alone), and the policy types.
/// </summary>
public sealed class NetworkPolicyRule : IValidationRule
{
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];
    private static readonly string[] PolicyTypes = ["Ingress", "Egress"];

    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.NetworkPolicies)
        {
            return [];
        }

        var spec = obj["spec"];
        var errors = Selector(spec?["podSelector"], "spec.podSelector").ToList();
        errors.AddRange(Rules(spec, "ingress", "from"));
        errors.AddRange(Rules(spec, "egress", "to"));
        errors.AddRange(spec.Array("policyTypes")
            .Select((policyType, i) => (Value: policyType?.GetValue<string>() ?? "", At: $"spec.policyTypes[{i}]"))
            .Where(p => !PolicyTypes.Contains(p.Value))
            .Select(p => FieldError.NotSupported(p.At, p.Value, PolicyTypes)));
        return errors;
    }

    private static IEnumerable<FieldError> Rules(JsonNode? spec, string direction, string peers)
    {
        var i = 0;
        foreach (var rule in spec.Array(direction))
        {
            var at = $"spec.{direction}[{i++}]";
            var p = 0;
            foreach (var port in rule.Array("ports"))
            {
                foreach (var error in Port(port, $"{at}.ports[{p++}]"))
                {
                    yield return error;
                }
            }

            p = 0;
            foreach (var peer in rule.Array(peers))
            {
                foreach (var error in Peer(peer, $"{at}.{peers}[{p++}]"))
                {
                    yield return error;
                }
            }
        }
    }

    private static IEnumerable<FieldError> Port(JsonNode? port, string at)
    {
        if (port.Str("protocol") is { } protocol && !Protocols.Contains(protocol))
        {
            yield return FieldError.NotSupported($"{at}.protocol", protocol, Protocols);
        }

        var endPort = port?["endPort"];
        switch (port?["port"])
        {
            case JsonValue name when name.TryGetValue<string>(out var text):
                foreach (var error in FieldError.InvalidEach($"{at}.port", text, IanaPortNames.Check(text)))
                {
                    yield return error;
                }

                if (endPort is not null)
                {
                    yield return FieldError.Invalid($"{at}.endPort", endPort, "may not be specified when `port` is non-numeric");
                }

                break;
            case { } number when !PortNumbers.InRange(number):
                yield return FieldError.Invalid($"{at}.port", number, PortNumbers.RangeMessage);
                break;
            case null when endPort is not null:
                yield return FieldError.Invalid($"{at}.endPort", endPort, "may not be specified when `port` is not specified");
                break;
        }
    }

    private static IEnumerable<FieldError> Peer(JsonNode? peer, string at)
    {
        var kinds = new[] { "podSelector", "namespaceSelector", "ipBlock" }.Where(kind => peer?[kind] is not null).ToList();
        if (kinds.Count == 0)
        {
            yield return FieldError.Required(at, "must specify a peer");
        }
        else if (kinds.Count > 1 && kinds.Contains("ipBlock"))
        {
            yield return new FieldError(at, "FieldValueForbidden", "Forbidden: may not specify both ipBlock and another peer");
        }

        foreach (var error in Selector(peer?["podSelector"], $"{at}.podSelector").Concat(Selector(peer?["namespaceSelector"], $"{at}.namespaceSelector")))
        {
            yield return error;
        }

        if (peer?["ipBlock"] is { } block && string.IsNullOrEmpty(block.Str("cidr")))
        {
            yield return FieldError.Required($"{at}.ipBlock.cidr");
        }
    }

    private static IEnumerable<FieldError> Selector(JsonNode? selector, string at) =>
        JsonPaths.StringMap(selector?["matchLabels"]).SelectMany(label =>
            FieldError.InvalidEach($"{at}.matchLabels", label.Key, QualifiedNames.QualifiedName(label.Key))
                .Concat(FieldError.InvalidEach($"{at}.matchLabels", label.Value, QualifiedNames.LabelValue(label.Value))));
}
