using System.Text.RegularExpressions;

namespace Telepath.KubeApi.TestServer.Validation.Formats;

/// <summary>
/// apimachinery's IsEnvVarName (env names and envFrom prefixes) and IsConfigMapKey (Secret and
/// ConfigMap keys). The strict rule, not the relaxed one that 1.30 put behind a feature gate.
/// </summary>
internal static partial class EnvVarNames
{
    private const string EnvVarFormat = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private const string KeyFormat = "[-._a-zA-Z0-9]+";

    public static IReadOnlyList<string> EnvVarName(string value)
    {
        var errors = new List<string>();
        if (!EnvVarRegex().IsMatch(value))
        {
            errors.Add(FormatMessages.Regex(
                "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
                EnvVarFormat, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        }

        errors.AddRange(ChangesDirectory(value));
        return errors;
    }

    public static IReadOnlyList<string> ConfigMapKey(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add(FormatMessages.MaxLength(253));
        }

        if (!KeyRegex().IsMatch(value))
        {
            errors.Add(FormatMessages.Regex(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.'", KeyFormat, "key.name", "KEY_NAME", "key-name"));
        }

        errors.AddRange(ChangesDirectory(value));
        return errors;
    }

    // Keys become file names in volumes, so "." and ".." are refused.
    private static IEnumerable<string> ChangesDirectory(string value) => value switch
    {
        "." => ["must not be '.'"],
        ".." => ["must not be '..'"],
        _ when value.StartsWith("..", StringComparison.Ordinal) => ["must not start with '..'"],
        _ => [],
    };

    [GeneratedRegex("^" + EnvVarFormat + "$")]
    private static partial Regex EnvVarRegex();

    [GeneratedRegex("^" + KeyFormat + "$")]
    private static partial Regex KeyRegex();
}
