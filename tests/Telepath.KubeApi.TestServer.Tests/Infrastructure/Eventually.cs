namespace Telepath.KubeApi.TestServer.Tests.Infrastructure;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; fails after the timeout (default 10 s).</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in time");
            }

            await Task.Delay(25);
        }
    }
}
