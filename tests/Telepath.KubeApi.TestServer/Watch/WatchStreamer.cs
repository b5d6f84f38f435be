using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Watch;

/// <summary>
/// Streams a watch the way kube-apiserver does over JSON: one <c>{"type","object"}</c> per line,
/// chunked, flushed per event, until <c>timeoutSeconds</c>, the client leaves or the server stops.
/// </summary>
internal sealed class WatchStreamer(ObjectStore store)
{
    public async Task StreamAsync(HttpContext context, ResourceRoute route, Func<JsonObject, bool> filter, CancellationToken stopping)
    {
        var query = context.Request.Query;
        long? from = long.TryParse(query["resourceVersion"], out var rv) ? rv : null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        if (int.TryParse(query["timeoutSeconds"], out var seconds) && seconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        WatchSubscription subscription;
        try
        {
            subscription = store.Watch(route.Type, route.Namespace, from);
        }
        catch (WatchExpiredException e)
        {
            // Kubernetes answers 200 and reports the expiry as the first and only event.
            var error = new JsonObject { ["type"] = "ERROR", ["object"] = StatusObjects.Expired(e.Requested, e.Oldest) };
            await WriteLineAsync(context, error, timeout.Token);
            return;
        }

        using (subscription)
        {
            await context.Response.StartAsync(timeout.Token);
            await context.Response.Body.FlushAsync(timeout.Token);
            try
            {
                await foreach (var e in subscription.Events.ReadAllAsync(timeout.Token))
                {
                    if (filter(e.Object))
                    {
                        await WriteLineAsync(context, e.ToWire(), timeout.Token);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout or a client that went away: the stream simply ends.
            }
        }
    }

    private static async Task WriteLineAsync(HttpContext context, JsonObject line, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line.ToJsonString() + "\n"), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
