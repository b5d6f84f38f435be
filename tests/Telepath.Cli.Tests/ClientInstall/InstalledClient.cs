using Telepath.Testing.Files;
using Telepath.Testing.Processes;

namespace Telepath.Cli.Tests.ClientInstall;

/// <summary>
/// One install by deploy/install-client.sh, as the README's Install section runs it, shared by the tests
/// of <see cref="InstalledClientCollection"/>: the front end's Native AOT publish takes about a minute,
/// once per test run. It installs what the build already made (-c CONFIG --no-build) as the full client,
/// in place of the README's Release build, so that part costs a copy rather than a second build.
/// </summary>
public sealed class InstalledClient : IAsyncLifetime
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(6);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "telepath-cli-tests", "install-" + Guid.NewGuid().ToString("N")[..10]);

    public string Prefix => Path.Combine(Root, "prefix");

    /// <summary>PREFIX/bin/telepath: the front end, or the script launcher without a C toolchain.</summary>
    public string Telepath => Path.Combine(Prefix, "bin", "telepath");

    /// <summary>PREFIX/lib/telepath/telepath.dll: the full client.</summary>
    public string FullClient => Path.Combine(Prefix, "lib", "telepath", "telepath.dll");

    public ProcessResult Install { get; private set; } = null!;

    /// <summary>Whether install-client.sh can link the Native AOT front end here (clang or gcc on PATH).</summary>
    public static bool NativeToolchain =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, "clang")) || File.Exists(Path.Combine(directory, "gcc")));

    /// <summary>The configuration this test assembly was built in (tests/PROJECT/bin/CONFIG/TFM/), which the install copies.</summary>
    private static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Install = await ProcessRunner.RunAsync(
            "bash",
            [Path.Combine(Repository.Root, "deploy", "install-client.sh"), Prefix, "-c", Configuration, "--no-build"],
            timeout: InstallTimeout);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class InstalledClientCollection : ICollectionFixture<InstalledClient>
{
    public const string Name = "installed client";
}
