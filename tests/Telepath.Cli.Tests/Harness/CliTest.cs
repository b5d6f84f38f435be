namespace Telepath.Cli.Tests.Harness;

/// <summary>A test class whose every test gets its own sandbox, cleaned up even when the test fails.</summary>
public abstract class CliTest : IAsyncLifetime
{
    protected CliSandbox Cli { get; } = new();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Cli.DisposeAsync();
}
