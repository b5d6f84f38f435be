using System.Runtime.InteropServices;

namespace Telepath.Network.ClusterHost.Hosting;

/// <summary>Cancelled when the test closes our stdin or sends SIGTERM: both mean "stop every pod and go".</summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _terminate;
    private readonly PosixSignalRegistration _interrupt;

    public StopSignal()
    {
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _ = Task.Run(WatchInputAsync);
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _terminate.Dispose();
        _interrupt.Dispose();
        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        // The pods are stopped by the normal shutdown path, not by the runtime's default exit.
        context.Cancel = true;
        _stop.Cancel();
    }

    private async Task WatchInputAsync()
    {
        using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (await input.ReadAsync(buffer) > 0)
        {
        }

        await _stop.CancelAsync();
    }
}
