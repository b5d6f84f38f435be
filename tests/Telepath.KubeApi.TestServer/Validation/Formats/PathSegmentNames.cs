namespace Telepath.KubeApi.TestServer.Validation.Formats;

/// <summary>apimachinery's IsValidPathSegmentName: the only rule for RBAC object names ("system:auth-delegator" is fine).</summary>
internal static class PathSegmentNames
{
    public static IReadOnlyList<string> Check(string name)
    {
        if (name is "." or "..")
        {
            return [$"may not be '{name}'"];
        }

        return new[] { "/", "%" }.Where(c => name.Contains(c, StringComparison.Ordinal)).Select(c => $"may not contain '{c}'").ToList();
    }
}
