using System.CommandLine;
using System.CommandLine.Parsing;

namespace Telepath.Cli.Errors;

/// <summary>The first parse error as one line: <c>telepath: ERROR; see "telepath COMMAND --help"</c>.</summary>
internal static class ParseErrorLine
{
    public static string Format(ParseResult parse)
    {
        var message = parse.Errors.Select(e => e.Message).OrderBy(m => Rank(m, parse)).FirstOrDefault() ?? "the command line could not be parsed";
        if (UsageErrors.IsOwn(message))
        {
            return $"telepath: {message}";
        }

        return $"telepath: {message.TrimEnd('.')}; see \"{CommandPath(parse.CommandResult)} --help\"";
    }

    /// <summary>Our own messages first, then a word the user typed that means nothing (a typo is the likely cause).</summary>
    private static int Rank(string message, ParseResult parse)
    {
        if (UsageErrors.IsOwn(message))
        {
            return 0;
        }

        return parse.UnmatchedTokens.Any(token => message.Contains($"'{token}'", StringComparison.Ordinal)) ? 1 : 2;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                names.Add(command.Command is RootCommand ? "telepath" : command.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
