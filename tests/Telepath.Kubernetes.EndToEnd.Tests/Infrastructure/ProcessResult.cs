namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>What a finished command printed and returned; its ToString goes into assertion messages.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() =>
        $"$ {Command}\nexit code {ExitCode}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}
