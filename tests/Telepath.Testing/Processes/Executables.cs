using Telepath.Testing.Files;

namespace Telepath.Testing.Processes;

/// <summary>
/// Finds the built `telepath-server` and `telepath` assemblies in the repository, in the same
/// configuration as this test assembly (bin/CONFIG/net10.0). TELEPATH_SERVER_DLL and TELEPATH_CLI_DLL
/// override them, e.g. to test published binaries.
/// </summary>
public static class Executables
{
    public static string ServerDll => Find("TELEPATH_SERVER_DLL", "Telepath.Server", "telepath-server.dll");

    public static string CliDll => Find("TELEPATH_CLI_DLL", "Telepath.Cli", "telepath.dll");

    private static string Find(string variable, string project, string file)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } overridden)
        {
            return overridden;
        }

        // The test assembly that loads this one lives in tests/PROJECT/bin/CONFIG/TFM/.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!.Name;
        var path = Path.Combine(Repository.Root, "src", project, "bin", configuration, tfm.Name, file);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{file} is not built; run `dotnet build Telepath.slnx -c {configuration}` first", path);
    }
}
