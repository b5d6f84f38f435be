using System.Diagnostics;
using System.Runtime.InteropServices;
using Telepath.Bench;
using Telepath.Bench.Processes;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (BenchException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// Ctrl+C and SIGTERM cancel the run; the finally blocks below still quit the daemon and stop the processes.
using var cancellation = new CancellationTokenSource();
void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

var clock = Stopwatch.StartNew();
void Progress(string line) => Console.Error.WriteLine($"[bench {clock.Elapsed.TotalSeconds,5:0}s] {line}");

var ownsDirectory = options.WorkDirectory is null;
var workDirectory = Path.GetFullPath(options.WorkDirectory ?? Directory.CreateTempSubdirectory("tpb-").FullName);
Directory.CreateDirectory(workDirectory);

// The hosts this process runs (the sample apps, the Kubernetes API test server) and the servers it
// starts watch their working directory recursively for appsettings.json; in the repository, where
// other builds write all the time, that would wake them during the measurements.
Directory.SetCurrentDirectory(workDirectory);
PidLog.Use(Path.Combine(workDirectory, "pids"));
try
{
    Progress($"measuring {Executables.Configuration} builds of {Executables.ServerDll} and {Executables.CliDll}");
    await new BenchRun(options, workDirectory, Console.Out, Progress).RunAsync(cancellation.Token);
    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Progress("cancelled; everything started has been stopped");
    return 130;
}
catch (BenchException e)
{
    Progress($"FAILED: {e.Message}");
    return 1;
}
finally
{
    if (ownsDirectory)
    {
        Directory.Delete(workDirectory, recursive: true);
    }
}
