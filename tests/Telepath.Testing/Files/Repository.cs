namespace Telepath.Testing.Files;

/// <summary>The checkout the tests run from: the folder above the test assembly that holds Telepath.slnx.</summary>
public static class Repository
{
    private static readonly Lazy<string> s_root = new(Find);

    public static string Root => s_root.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Telepath.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Telepath.slnx above {AppContext.BaseDirectory}");
    }
}
