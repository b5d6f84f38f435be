using System.Text.RegularExpressions;

namespace Telepath.KubeApi.TestServer.Validation.Formats;

/// <summary>apimachinery's IsValidPortName: an IANA_SVC_NAME, which container ports and named targetPorts must be.</summary>
internal static partial class IanaPortNames
{
    public static IReadOnlyList<string> Check(string name)
    {
        var errors = new List<string>();
        if (name.Length > 15)
        {
            errors.Add(FormatMessages.MaxLength(15));
        }

        if (!Charset().IsMatch(name))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!name.Any(c => c is >= 'a' and <= 'z'))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (name.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (name.Length > 0 && (name[0] == '-' || name[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex Charset();
}
