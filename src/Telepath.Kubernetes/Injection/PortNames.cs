using System.Text.RegularExpressions;

namespace Telepath.Kubernetes.Injection;

/// <summary>Container and Service port names: IANA service names, at most 15 characters.</summary>
public static partial class PortNames
{
    public const string Prefix = "tp-";

    /// <summary>"http" → "tp-http", 8080 → "tp-8080"; cut to 15 characters, never ending in '-'.</summary>
    public static string Derive(string name)
    {
        var derived = Prefix + name;
        return derived.Length <= 15 ? derived : derived[..15].TrimEnd('-');
    }

    public static bool IsDerived(string? name) => name?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>Lower-case letters, digits and single hyphens, at least one letter, 1 to 15 characters.</summary>
    public static bool IsValid(string name) => name.Length is >= 1 and <= 15 && ServiceName().IsMatch(name) && name.Any(char.IsAsciiLetter);

    [GeneratedRegex("^[a-z0-9]([a-z0-9]|-(?!-))*(?<!-)$")]
    private static partial Regex ServiceName();
}
