namespace Telepath.Cli.Tests.Harness;

public static class Lines
{
    /// <summary>Text as the CLI prints it: lines ending in a newline.</summary>
    public static string Of(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));
}
