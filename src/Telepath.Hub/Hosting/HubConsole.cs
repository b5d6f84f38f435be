namespace Telepath.Hub.Hosting;

/// <summary>Where the hub prints what an operator must see whatever the log level (the set-up link). Tests give it a writer of their own.</summary>
public sealed class HubConsole(TextWriter writer)
{
    public HubConsole()
        : this(Console.Out)
    {
    }

    public void WriteLine(string line)
    {
        writer.WriteLine(line);
        writer.Flush();
    }
}
