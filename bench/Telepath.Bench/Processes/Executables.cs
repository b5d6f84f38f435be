namespace Telepath.Bench.Processes;

/// <summary>
/// Finds the built `telepath-server` and `telepath` assemblies in the repository, in the bench's own
/// configuration (src/PROJECT/bin/CONFIG/net10.0), so a Release bench measures Release components.
/// TELEPATH_SERVER_DLL and TELEPATH_CLI_DLL override them, e.g. to measure published binaries.
/// </summary>
internal static class Executables
{
    private static readonly Lazy<string> s_repository = new(FindRepository);

    public static string Repository => s_repository.Value;

    public static string ServerDll => Find("TELEPATH_SERVER_DLL", "Telepath.Server", "telepath-server.dll");

    public static string CliDll => Find("TELEPATH_CLI_DLL", "Telepath.Cli", "telepath.dll");

    /// <summary>Debug or Release: the name of the folder above this assembly's target framework folder.</summary>
    public static string Configuration => TargetFrameworkDirectory.Parent!.Name;

    private static DirectoryInfo TargetFrameworkDirectory => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    private static string Find(string variable, string project, string file)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } overridden)
        {
            return overridden;
        }

        var path = Path.Combine(Repository, "src", project, "bin", Configuration, TargetFrameworkDirectory.Name, file);
        return File.Exists(path)
            ? path
            : throw new BenchException($"{file} is not built; run `dotnet build bench/Telepath.Bench -c {Configuration}` first (looked at {path})");
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Telepath.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new BenchException($"no Telepath.slnx above {AppContext.BaseDirectory}");
    }
}
