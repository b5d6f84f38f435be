using Telepath.Cli;

return await TelepathCli.RunAsync(args);
