namespace Telepath.Hub.Previews.Proxy;

/// <summary>Where to go back to after the hand-off: a path on the same origin only, never another site.</summary>
public static class LocalReturnPath
{
    public static string Of(string? value) =>
        value is { Length: > 0 } path && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) && !path.Any(char.IsControl)
            ? path
            : "/";
}
