using System.CommandLine;
using Telepath.Core;
using Telepath.Server.Commands;

var root = new RootCommand("The cluster side of Telepath: the traffic manager and the traffic agent, in one image.")
{
    ManagerCommand.Create(),
    AgentCommand.Create(),
};

try
{
    // Without this, System.CommandLine prints a user's mistake (a bad flag value) as an unhandled exception with its stack.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserErrorException e)
{
    Console.Error.WriteLine($"telepath-server: {e.Message}");
    return e.ExitCode;
}
