using System.Globalization;
using Grpc.Core;
using k8s.Autorest;
using Telepath.Core;
using Telepath.Daemon;
using Telepath.Kubernetes.Errors;

namespace Telepath.Cli.Errors;

/// <summary>
/// A user error or a refusal from the daemon is one line, exit 1; anything else is a bug: one line
/// pointing at cli.log, where the stack goes.
/// </summary>
internal static class ErrorReport
{
    /// <summary>128 + SIGINT, as a shell reports a command ended by Ctrl+C.</summary>
    public const int InterruptedExitCode = 130;

    public static async Task<int> PrintAsync(Exception exception)
    {
        switch (exception)
        {
            case UserErrorException user:
                await Console.Error.WriteLineAsync($"telepath: {user.Message}").ConfigureAwait(false);
                return user.ExitCode;
            case RpcException rpc when rpc.StatusCode is not (StatusCode.Internal or StatusCode.Unknown):
                await Console.Error.WriteLineAsync($"telepath: {DaemonRefusal(rpc)}").ConfigureAwait(false);
                return 1;
            case HttpOperationException http:
                // A refusal of the API server that no command worded: still the server's own reason.
                await Console.Error.WriteLineAsync($"telepath: the Kubernetes API server refused: {KubeStatus.Message(http)}").ConfigureAwait(false);
                return 1;
            case OperationCanceledException:
                return InterruptedExitCode;
        }

        var paths = DaemonPaths.FromEnvironment();
        var where = exception is RpcException ? paths.DaemonLog : paths.CliLog;
        await AppendToLogAsync(paths.CliLog, exception).ConfigureAwait(false);
        var message = exception is RpcException internalError ? internalError.Status.Detail : exception.Message;
        await Console.Error.WriteLineAsync($"telepath: internal error: {message} (details in {DaemonPaths.ForDisplay(where)})").ConfigureAwait(false);
        return 1;
    }

    private static string DaemonRefusal(RpcException rpc) => rpc.StatusCode switch
    {
        StatusCode.Unavailable when rpc.Status.Detail.StartsWith("Error ", StringComparison.Ordinal) =>
            $"the Telepath daemon stopped answering ({rpc.Status.Detail.TrimEnd('.')}); \"telepath status\" shows whether it runs",
        StatusCode.DeadlineExceeded => "the Telepath daemon did not answer in time; see ~/.cache/telepath/logs/daemon.log",
        _ => rpc.Status.Detail,
    };

    private static async Task AppendToLogAsync(string path, Exception exception)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var entry = $"{DateTimeOffset.Now.ToString("O", CultureInfo.InvariantCulture)} telepath {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}\n{exception}\n";
            await File.AppendAllTextAsync(path, entry).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The one line on stderr is all the user gets then.
        }
    }
}
