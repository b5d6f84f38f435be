using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Telepath.Core;
using Telepath.Core.Net;
using Telepath.Samples;

// telepath-sample: the sample `orders` service as its own process, as `telepath demo` runs it.
var listen = new Option<string>("--listen") { Description = "HOST:PORT or :PORT to listen on (port 0 picks a free one).", DefaultValueFactory = _ => "127.0.0.1:0" };
var servedBy = new Option<string>("--served-by") { Description = "Who every answer says served it, e.g. \"the cluster\".", Required = true };
var root = new RootCommand("The sample service \"orders\" (HTTP/1.1, h2c, gRPC, WebSocket on one port), whose answers say who served them.\n\nExample:\n  telepath-sample --listen 127.0.0.1:8080 --served-by \"your laptop\"")
{
    listen,
    servedBy,
};
root.SetAction(async (result, cancellationToken) =>
{
    await using var app = SampleService.Build(ListenAddress.Parse(result.GetValue(listen)!, "--listen"), result.GetValue(servedBy)!);
    await app.StartAsync(cancellationToken);
    Console.Out.WriteLine($"telepath-sample listening on {SampleService.BoundEndPoint(app)}");
    Console.Out.Flush();
    await app.WaitForShutdownAsync(cancellationToken);
    return 0;
});

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserErrorException e)
{
    Console.Error.WriteLine($"telepath-sample: {e.Message}");
    return e.ExitCode;
}
