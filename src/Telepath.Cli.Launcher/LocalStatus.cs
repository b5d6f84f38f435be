using Telepath.Cli.Commands;
using Telepath.Cli.Commands.Status;

namespace Telepath.Cli.Launcher;

/// <summary><c>telepath status</c>, run by the full client's own StatusCommand compiled into this binary.</summary>
internal static class LocalStatus
{
    /// <returns>
    /// False, with nothing written, when the command failed: the full client then runs it again and
    /// reports the failure in its own words (ErrorReport), which this binary does not carry.
    /// </returns>
    public static async Task<bool> TryRunAsync(OutputFormat output)
    {
        var stdout = Console.Out;
        using var buffer = new StringWriter { NewLine = stdout.NewLine };
        Console.SetOut(buffer);
        try
        {
            if (await StatusCommand.RunAsync(output, CancellationToken.None).ConfigureAwait(false) != 0)
            {
                return false;
            }
        }
#pragma warning disable CA1031 // Any failure is the full client's to report.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
        finally
        {
            Console.SetOut(stdout);
        }

        stdout.Write(buffer.ToString());
        stdout.Flush();
        return true;
    }
}
