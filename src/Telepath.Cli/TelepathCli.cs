using System.CommandLine;
using System.CommandLine.Invocation;
using Telepath.Cli.Commands;
using Telepath.Cli.Errors;

namespace Telepath.Cli;

/// <summary>Parses, runs one command, and turns every failure into one line and an exit code.</summary>
internal static class TelepathCli
{
    public const int UsageExitCode = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = CommandTree.Build();
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            await Console.Error.WriteLineAsync(ParseErrorLine.Format(parse)).ConfigureAwait(false);
            return UsageExitCode;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return await ErrorReport.PrintAsync(e).ConfigureAwait(false);
        }
    }
}
