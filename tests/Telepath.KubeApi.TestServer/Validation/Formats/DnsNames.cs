using System.Text.RegularExpressions;

namespace Telepath.KubeApi.TestServer.Validation.Formats;

/// <summary>apimachinery's IsDNS1123Label, IsDNS1123Subdomain and IsDNS1035Label: each message that applies.</summary>
internal static partial class DnsNames
{
    private const string LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string SubdomainFormat = LabelFormat + "(\\." + LabelFormat + ")*";
    private const string Dns1035Format = "[a-z]([-a-z0-9]*[a-z0-9])?";

    public static IReadOnlyList<string> Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add(FormatMessages.MaxLength(63));
        }

        if (!LabelRegex().IsMatch(value))
        {
            // A valid subdomain that is no label (the length was checked above) has dots.
            errors.Add(SubdomainRegex().IsMatch(value)
                ? "must not contain dots"
                : FormatMessages.Regex(
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                    LabelFormat, "my-name", "123-abc"));
        }

        return errors;
    }

    public static IReadOnlyList<string> Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add(FormatMessages.MaxLength(253));
        }

        if (!SubdomainRegex().IsMatch(value))
        {
            errors.Add(FormatMessages.Regex(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                SubdomainFormat, "example.com"));
        }

        return errors;
    }

    public static IReadOnlyList<string> Dns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add(FormatMessages.MaxLength(63));
        }

        if (!Dns1035Regex().IsMatch(value))
        {
            errors.Add(FormatMessages.Regex(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                Dns1035Format, "my-name", "abc-123"));
        }

        return errors;
    }

    [GeneratedRegex("^" + LabelFormat + "$")]
    private static partial Regex LabelRegex();

    [GeneratedRegex("^" + SubdomainFormat + "$")]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^" + Dns1035Format + "$")]
    private static partial Regex Dns1035Regex();
}
