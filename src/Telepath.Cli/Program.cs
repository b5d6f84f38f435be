using System.Reflection;
using Telepath.Cli;

// `telepath --version` answers before anything else is loaded (System.CommandLine, the command tree,
// gRPC): what System.CommandLine's --version prints, at the cost of the runtime's start alone.
// bench/client-startup.sh measures it.
if (args is ["--version"])
{
    Console.Out.WriteLine(typeof(TelepathCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
    return 0;
}

return await TelepathCli.RunAsync(args);
