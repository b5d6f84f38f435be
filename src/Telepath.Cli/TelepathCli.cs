using System.CommandLine;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using Grpc.Core;
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

        // Ctrl+C (and SIGTERM) cancel the command, which ends it with 130. Handled here rather than by
        // System.CommandLine, so that a gRPC call cancelled by it is known to be the interrupt and not an error.
        using var interrupt = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Interrupt(signal, interrupt));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Interrupt(signal, interrupt));
        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null },
                interrupt.Token).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && interrupt.IsCancellationRequested)
        {
            return ErrorReport.InterruptedExitCode;
        }
        catch (Exception e)
        {
            return await ErrorReport.PrintAsync(e).ConfigureAwait(false);
        }
    }

    // A second Ctrl+C is not held back: it ends a command that does not stop when asked, as the shell would.
    private static void Interrupt(PosixSignalContext signal, CancellationTokenSource interrupt)
    {
        signal.Cancel = !interrupt.IsCancellationRequested;
        interrupt.Cancel();
    }
}
