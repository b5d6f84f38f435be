using System.CommandLine;

namespace Telepath.Cli.Commands;

/// <summary>The shared <c>--output text|json</c> option.</summary>
internal static class OutputOption
{
    public static Option<OutputFormat> Create() => new("--output", "-o")
    {
        Description = "Output format: text for people, json for scripts.",
        DefaultValueFactory = _ => OutputFormat.Text,
    };
}
