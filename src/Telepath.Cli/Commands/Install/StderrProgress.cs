namespace Telepath.Cli.Commands.Install;

/// <summary>Progress lines of a long cluster operation, on stderr so that stdout stays the result.</summary>
internal sealed class StderrProgress : IProgress<string>
{
    public static readonly StderrProgress Instance = new();

    private readonly Lock _gate = new();

    public void Report(string value)
    {
        lock (_gate)
        {
            Console.Error.WriteLine(value);
        }
    }
}
