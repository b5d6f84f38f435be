using System.Text.RegularExpressions;

namespace Telepath.KubeApi.TestServer.Validation.Formats;

/// <summary>apimachinery's IsQualifiedName (label and annotation keys) and IsValidLabelValue.</summary>
internal static partial class QualifiedNames
{
    private const string NameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string NameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        if (parts.Length > 2)
        {
            return
            [
                "a qualified name " + FormatMessages.Regex(NameMessage, NameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
            ];
        }

        if (parts.Length == 2)
        {
            if (parts[0].Length == 0)
            {
                errors.Add("prefix part " + FormatMessages.Empty);
            }
            else
            {
                errors.AddRange(DnsNames.Subdomain(parts[0]).Select(m => "prefix part " + m));
            }
        }

        var name = parts[^1];
        if (name.Length == 0)
        {
            errors.Add("name part " + FormatMessages.Empty);
        }
        else if (name.Length > 63)
        {
            errors.Add("name part " + FormatMessages.MaxLength(63));
        }

        if (!NameRegex().IsMatch(name))
        {
            errors.Add("name part " + FormatMessages.Regex(NameMessage, NameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    public static IReadOnlyList<string> LabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add(FormatMessages.MaxLength(63));
        }

        if (!LabelValueRegex().IsMatch(value))
        {
            errors.Add(FormatMessages.Regex(
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                "(" + NameFormat + ")?", "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    [GeneratedRegex("^" + NameFormat + "$")]
    private static partial Regex NameRegex();

    [GeneratedRegex("^(" + NameFormat + ")?$")]
    private static partial Regex LabelValueRegex();
}
