using Telepath.Cli.Commands;

namespace Telepath.Cli.Launcher;

/// <summary>
/// The spellings of <c>telepath status</c> the front end answers itself: exactly those the full client's
/// parser reads the same way (Commands/Status/StatusCommandDefinition.cs). Anything else (--help, other
/// option spellings, mistakes) is the full client's to answer or to refuse.
/// </summary>
internal static class StatusArguments
{
    /// <returns>Null when the arguments are not one of these spellings.</returns>
    public static OutputFormat? Parse(string[] args) => args switch
    {
        ["status"] => OutputFormat.Text,
        ["status", "--output" or "-o", var format] => Format(format),
        ["status", var option] when option.StartsWith("--output=", StringComparison.Ordinal) => Format(option["--output=".Length..]),
        _ => null,
    };

    private static OutputFormat? Format(string value) => value switch
    {
        "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        _ => null,
    };
}
