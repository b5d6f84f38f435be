namespace Telepath.Bench.Processes;

/// <summary>
/// Appends the id of every process the bench starts to a file that run.sh reads on exit, so a bench
/// killed before its own cleanup (SIGKILL, a crash) still leaves nothing running.
/// </summary>
internal static class PidLog
{
    private static readonly Lock s_gate = new();
    private static string? s_path;

    public static void Use(string path) => s_path = path;

    public static void Add(int pid)
    {
        if (s_path is null)
        {
            return;
        }

        lock (s_gate)
        {
            File.AppendAllText(s_path, $"{pid}\n");
        }
    }
}
