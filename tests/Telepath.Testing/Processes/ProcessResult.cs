namespace Telepath.Testing.Processes;

/// <summary>What a finished command printed and returned, and its wall time from start to exit; its ToString goes into failure messages.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"$ {Command}\nexit code {ExitCode} after {Elapsed.TotalSeconds:0.00} s\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}
