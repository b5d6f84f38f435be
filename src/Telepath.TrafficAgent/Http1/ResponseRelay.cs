using System.Buffers;
using System.IO.Pipelines;
using Telepath.Tunnels.Streams;

namespace Telepath.TrafficAgent.Http1;

/// <summary>How relaying one response went.</summary>
internal enum ResponseEnd
{
    /// <summary>The whole response reached the client.</summary>
    Complete,

    /// <summary>101: from now on the connection carries another protocol's bytes.</summary>
    Upgraded,

    /// <summary>The upstream failed before the client got a byte: it can still be answered, or served elsewhere.</summary>
    NoResponse,

    /// <summary>The upstream failed in the middle: the client has part of a response and must be cut off.</summary>
    Broken,

    /// <summary>The client went away.</summary>
    ClientGone,
}

internal readonly record struct ResponseResult(ResponseEnd End, ResponseHead? Head, string Problem, TunnelException? Tunnel, bool NothingReceived);

/// <summary>Copies the response(s) to one request, interim 1xx heads included, from the upstream to the client, as bytes.</summary>
internal static class ResponseRelay
{
    /// <param name="ending">Called with the final head when the response is known to be whole, before its last bytes are flushed to the client.</param>
    /// <param name="counted">Given for a watched request: gets every byte written to the client, heads included, before <paramref name="ending"/> is called.</param>
    public static async Task<ResponseResult> RunAsync(
        PipeReader upstream, PipeWriter client, bool requestWasHead, Action<ResponseHead> ending, ByteCounter? counted, CancellationToken cancellationToken)
    {
        var started = false;
        try
        {
            while (true)
            {
                var (status, head) = await HeadReader.ReadAsync(upstream, cancellationToken).ConfigureAwait(false);
                if (status != HeadStatus.Head)
                {
                    var problem = status == HeadStatus.TooLarge ? "answered with a head longer than 64 KiB" : "closed the connection without answering";
                    return new(started ? ResponseEnd.Broken : ResponseEnd.NoResponse, null, problem, null, status == HeadStatus.End && !started);
                }

                if (ResponseHead.TryParse(head, requestWasHead) is not { } response)
                {
                    return new(started ? ResponseEnd.Broken : ResponseEnd.NoResponse, null, "answered with a malformed response head", null, false);
                }

                foreach (var segment in head)
                {
                    client.Write(segment.Span);
                }

                counted?.Add(head.Length);
                upstream.AdvanceTo(head.End);
                started = true;
                if (response.IsInterim || response.IsSwitchingProtocols || response.Body.Kind == BodyKind.None)
                {
                    if (!response.IsInterim)
                    {
                        ending(response);
                    }

                    var flush = await client.FlushAsync(cancellationToken).ConfigureAwait(false);
                    if (flush.IsCompleted || flush.IsCanceled)
                    {
                        return new(ResponseEnd.ClientGone, response, "", null, false);
                    }

                    if (response.IsInterim)
                    {
                        continue;
                    }

                    return new(response.IsSwitchingProtocols ? ResponseEnd.Upgraded : ResponseEnd.Complete, response, "", null, false);
                }

                // The head goes out with the body's first bytes, in one write.
                return await BodyCopier.CopyAsync(upstream, client, response.Body, cancellationToken, () => ending(response), counted: counted).ConfigureAwait(false) switch
                {
                    CopyEnd.Complete => new(ResponseEnd.Complete, response, "", null, false),
                    CopyEnd.DestinationGone => new(ResponseEnd.ClientGone, response, "", null, false),
                    _ => new(ResponseEnd.Broken, response, "ended in the middle of the response", null, false),
                };
            }
        }
        catch (TunnelException e)
        {
            return new(started ? ResponseEnd.Broken : ResponseEnd.NoResponse, null, e.Message, e, false);
        }
        catch (InvalidDataException e)
        {
            return new(ResponseEnd.Broken, null, e.Message, null, false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            return new(started ? ResponseEnd.Broken : ResponseEnd.NoResponse, null, e.Message, null, false);
        }
    }
}
