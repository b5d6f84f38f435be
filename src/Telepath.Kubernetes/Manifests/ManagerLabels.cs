namespace Telepath.Kubernetes.Manifests;

/// <summary>The recommended app.kubernetes.io labels on everything Telepath creates.</summary>
public static class ManagerLabels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Version = "app.kubernetes.io/version";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string Telepath = "telepath";

    /// <summary>A label selector for everything install created.</summary>
    public const string ManagedSelector = ManagedBy + "=" + Telepath;

    public static Dictionary<string, string> Common(string version) => new()
    {
        [ManagedBy] = Telepath,
        [Version] = LabelValue(version),
    };

    /// <summary>The manager's pods; the selector of its Deployment and Service.</summary>
    public static Dictionary<string, string> Selector() => new() { [Name] = ManagerNames.Manager };

    public static Dictionary<string, string> Manager(string version) =>
        new(Common(version)) { [Name] = ManagerNames.Manager };

    // A label value is at most 63 characters of [A-Za-z0-9._-], starting and ending alphanumeric.
    internal static string LabelValue(string value)
    {
        var cleaned = new string(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());
        cleaned = cleaned.Length > 63 ? cleaned[..63] : cleaned;
        return cleaned.Trim('.', '_', '-');
    }
}
