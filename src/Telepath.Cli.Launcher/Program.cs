using System.Reflection;
using Telepath.Cli.Launcher;

// PREFIX/bin/telepath (docs/architecture.md, "Startup"). What it answers itself it answers as the full
// client does; everything else, and anything unexpected, is the full client's, exec'd in this process.
if (args is ["--version"])
{
    // The same attribute of the same MSBuild property (Directory.Build.props) the full client prints.
    Console.Out.WriteLine(typeof(FullClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
    return 0;
}

if (StatusArguments.Parse(args) is { } output && await LocalStatus.TryRunAsync(output).ConfigureAwait(false))
{
    return 0;
}

return FullClient.Exec(args);
