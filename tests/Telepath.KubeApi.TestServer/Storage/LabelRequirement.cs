namespace Telepath.KubeApi.TestServer.Storage;

/// <summary>One term of a label selector: <c>key op values</c>, with the operators of apimachinery.</summary>
public sealed record LabelRequirement(string Key, string Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            "=" or "==" or "In" or "in" => has && Values.Contains(value!),
            "!=" or "NotIn" or "notin" => !has || !Values.Contains(value!),
            "Exists" or "exists" => has,
            "DoesNotExist" or "!" => !has,
            _ => false,
        };
    }
}
