using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;

namespace Telepath.Cli.Commands;

/// <summary>
/// <c>telepath --help</c> lists each command with the first line of its description only; the
/// examples are in each command's own help, where System.CommandLine's default help is kept.
/// </summary>
internal sealed class RootHelp(HelpAction commandHelp) : SynchronousCommandLineAction
{
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction defaultHelp)
        {
            help.Action = new RootHelp(defaultHelp);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command is not RootCommand root)
        {
            return commandHelp.Invoke(parseResult);
        }

        var commands = root.Subcommands.Where(c => !c.Hidden).ToList();
        var width = commands.Max(c => c.Name.Length) + 2;
        var text = new StringBuilder()
            .AppendLine("Description:")
            .AppendLine(Indent(root.Description ?? ""))
            .AppendLine()
            .AppendLine("Usage:")
            .AppendLine("  telepath [command] [options]")
            .AppendLine()
            .AppendLine("Commands:");
        foreach (var command in commands)
        {
            text.Append("  ").Append(command.Name.PadRight(width)).AppendLine(FirstSentence(command.Description ?? ""));
        }

        text.AppendLine()
            .AppendLine("Options:")
            .AppendLine("  -?, -h, --help  Show help and usage information")
            .AppendLine("  --version       Show version information")
            .AppendLine()
            .AppendLine("Run \"telepath COMMAND --help\" for a command's options and examples.");
        parseResult.InvocationConfiguration.Output.Write(text.ToString());
        return 0;
    }

    private static string FirstSentence(string description)
    {
        var paragraph = string.Join(' ', description.Replace("\r", "").Split("\n\n")[0].Split('\n').Select(l => l.Trim()));
        var end = paragraph.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? paragraph : paragraph[..(end + 1)];
    }

    private static string Indent(string text) => string.Join(Environment.NewLine, text.Split('\n').Select(line => line.Length > 0 ? "  " + line.TrimEnd('\r') : ""));
}
