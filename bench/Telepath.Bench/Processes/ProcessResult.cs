namespace Telepath.Bench.Processes;

/// <summary>What a finished command printed and returned, and how long it took from start to exit.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"$ {Command}\nexit code {ExitCode} after {Elapsed.TotalSeconds:0.00} s\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}
