using Telepath.Testing.Processes;

namespace Telepath.Bench.Processes;

/// <summary>
/// Runs a command to its end with the shared runner, the bench's way: every process id goes to the
/// <see cref="PidLog"/>, and a command that runs past its time is a <see cref="BenchException"/> (a failed measurement, not a crash).
/// </summary>
internal static class Commands
{
    public static async Task<ProcessResult> RunAsync(
        string file,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        try
        {
            return await ProcessRunner.RunAsync(file, arguments, environment, timeout: timeout, started: PidLog.Add, cancellationToken: cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new BenchException(e.Message);
        }
    }
}
