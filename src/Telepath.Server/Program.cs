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
    return await root.Parse(args).InvokeAsync();
}
catch (UserErrorException e)
{
    Console.Error.WriteLine($"telepath-server: {e.Message}");
    return e.ExitCode;
}
