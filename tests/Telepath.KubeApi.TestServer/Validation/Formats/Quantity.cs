using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Validation.Formats;

/// <summary>
/// apimachinery's ParseQuantity ("100m", "64Mi", "1e3", "0.5"), as far as validation needs it: whether
/// it parses, and its value for comparisons (a double is exact enough to order requests and limits).
/// </summary>
internal static class Quantity
{
    public const string FormatError =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    public const string SuffixError = "unable to parse quantity's suffix";

    /// <summary>The value, or the error message of the real parser.</summary>
    public static (double? Value, string? Error) Parse(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return (null, FormatError);
        }

        // A JSON number is read from its text, like a string.
        var text = value.GetValueKind() == JsonValueKind.Number ? value.ToJsonString()
            : value.TryGetValue<string>(out var s) ? s.Trim()
            : null;
        return text is null ? (null, FormatError) : Parse(text);
    }

    public static (double? Value, string? Error) Parse(string text)
    {
        if (text.Length == 0)
        {
            return (null, FormatError);
        }

        var pos = 0;
        var sign = 1.0;
        if (text[0] is '-' or '+')
        {
            sign = text[0] == '-' ? -1 : 1;
            pos++;
        }

        var numberStart = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }

        var number = text[numberStart..pos];
        var suffixStart = pos;
        while (pos < text.Length && "eEinumkKMGTP".Contains(text[pos]))
        {
            pos++;
        }

        if (pos < text.Length && text[pos] is '-' or '+')
        {
            pos++;
        }

        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos < text.Length)
        {
            return (null, FormatError);
        }

        if (Multiplier(text[suffixStart..]) is not { } multiplier)
        {
            return (null, SuffixError);
        }

        var mantissa = number is "" or "." ? 0 : double.Parse(number.TrimEnd('.') is { Length: > 0 } n ? n : "0", CultureInfo.InvariantCulture);
        return (sign * mantissa * multiplier, null);
    }

    private static double? Multiplier(string suffix) => suffix switch
    {
        "" => 1,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => Math.Pow(2, 10),
        "Mi" => Math.Pow(2, 20),
        "Gi" => Math.Pow(2, 30),
        "Ti" => Math.Pow(2, 40),
        "Pi" => Math.Pow(2, 50),
        "Ei" => Math.Pow(2, 60),
        _ when suffix.Length > 1 && suffix[0] is 'e' or 'E' && long.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) =>
            Math.Pow(10, exponent),
        _ => null,
    };
}
