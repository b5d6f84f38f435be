using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Telepath.TrafficAgent.Forwarding;

/// <summary>A forwarder error as recorded on the request (YARP's IForwarderErrorFeature), and how to answer it.</summary>
internal readonly record struct ForwardFailure(HttpContext Context, ForwarderError Error, Exception? Exception)
{
    public static ForwardFailure Of(HttpContext context, ForwarderError error) =>
        new(context, error, context.GetForwarderErrorFeature()?.Exception);

    /// <summary>The client aborted or broke its side: there is nobody to tell.</summary>
    public bool ClientGone => Context.RequestAborted.IsCancellationRequested || Error is
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
        or ForwarderError.ResponseBodyClient or ForwarderError.ResponseBodyCanceled
        or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseClient
        or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled;

    /// <summary>The innermost message, which names the real cause rather than "an error occurred while sending".</summary>
    public string Message
    {
        get
        {
            var e = Exception;
            while (e?.InnerException is not null)
            {
                e = e.InnerException;
            }

            return e?.Message ?? Error.ToString();
        }
    }

    /// <summary>Undoes the forwarder's error response so the request can be forwarded again.</summary>
    public void ResetResponse()
    {
        Context.Response.Clear();
        Context.Features.Set<IForwarderErrorFeature>(null);
    }

    /// <summary>A 502 with a one-line text body, unless the response has started (then the forwarder has cut it already).</summary>
    public Task RespondAsync(string message)
    {
        if (Context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        Context.Response.Clear();
        Context.Response.StatusCode = StatusCodes.Status502BadGateway;
        Context.Response.ContentType = "text/plain; charset=utf-8";
        return Context.Response.WriteAsync(message + "\n");
    }
}
