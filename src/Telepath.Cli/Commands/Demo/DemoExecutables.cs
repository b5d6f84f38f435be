using System.Runtime.InteropServices;
using Telepath.Core;

namespace Telepath.Cli.Commands.Demo;

/// <summary>
/// Finds the server-side executables the demo runs (telepath-server, telepath-hub, telepath-sample),
/// which the client does not link: beside this telepath when they were installed with it, else in the
/// source checkout this telepath was built in (src/PROJECT/bin/CONFIG/TFM/, the CLI's build builds them).
/// </summary>
internal static class DemoExecutables
{
    public static DemoExecutable Server => Find("telepath-server", "Telepath.Server");

    public static DemoExecutable Hub => Find("telepath-hub", "Telepath.Hub");

    public static DemoExecutable Sample => Find("telepath-sample", "Telepath.Samples.Host");

    /// <summary>The <c>dotnet</c> host that runs this process's runtime, so the children run on the same one.</summary>
    private static string DotnetHost
    {
        get
        {
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                return Environment.ProcessPath!;
            }

            // The runtime is DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/.
            var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            var host = Path.Combine(root, "dotnet");
            return File.Exists(host) ? host : "dotnet";
        }
    }

    private static DemoExecutable Find(string name, string project)
    {
        var file = name + ".dll";
        var beside = Path.Combine(AppContext.BaseDirectory, file);
        if (File.Exists(beside))
        {
            return new DemoExecutable(name, DotnetHost, beside);
        }

        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        for (var directory = tfm.Parent; directory is not null && tfm.Parent?.Name is { } configuration; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Telepath.slnx")))
            {
                var built = Path.Combine(directory.FullName, "src", project, "bin", configuration, tfm.Name, file);
                if (File.Exists(built))
                {
                    return new DemoExecutable(name, DotnetHost, built);
                }

                break;
            }
        }

        throw new UserErrorException(
            $"telepath demo needs {name}, which is neither beside this telepath ({AppContext.BaseDirectory}) nor built in a source checkout around it; " +
            "run the demo from the repository: dotnet run --project src/Telepath.Cli -- demo");
    }
}

/// <summary>A server-side executable of the demo: <c>HOST DLL ARGUMENTS</c>.</summary>
internal sealed record DemoExecutable(string Name, string Host, string Dll);
