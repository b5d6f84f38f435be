using Telepath.Testing.Files;

namespace Telepath.Network.Testing.Cluster;

/// <summary>The built cluster host, in the same configuration as the test assembly that loads this one.</summary>
internal static class ClusterHostDll
{
    private const string Project = "Telepath.Network.ClusterHost";

    public static string Path
    {
        get
        {
            // The test assembly lives in tests/PROJECT/bin/CONFIG/TFM/.
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
            var configuration = tfm.Parent!.Name;
            var path = System.IO.Path.Combine(Repository.Root, "tests", Project, "bin", configuration, tfm.Name, $"{Project}.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"{Project}.dll is not built; run `dotnet build Telepath.slnx -c {configuration}` first", path);
        }
    }
}
