namespace Telepath.TrafficAgent.Forwarding;

/// <summary>The app container next to the agent, and the one connection pool every request to it shares.</summary>
internal sealed class AppDestination(AgentOptions options) : IDisposable
{
    public string Address { get; } = options.App.ToString();

    public string Prefix { get; } = $"http://{options.App}";

    public HttpMessageInvoker Invoker { get; } = ForwardingHandler.CreateInvoker(TimeSpan.FromSeconds(5));

    public void Dispose() => Invoker.Dispose();
}
