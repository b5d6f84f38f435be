using System.Text;
using System.Text.Json;

namespace Telepath.Daemon.Network;

/// <summary>A request line as read: the request, or why the line is not one.</summary>
internal sealed record ReadRequest(HelperRequest? Request, string? Error);

/// <summary>One end of the helper's socket: JSON objects, one a line, both ways.</summary>
internal sealed class HelperConnection(Stream stream)
{
    private readonly StreamReader _reader = new(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);

    /// <returns>Null at the end of the stream.</returns>
    public async Task<ReadRequest?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(line, HelperJson.Wire.HelperRequest) is { } request
                ? new ReadRequest(request, null)
                : new ReadRequest(null, "send one JSON object a line, such as {\"op\":\"remove\"}");
        }
        catch (JsonException e)
        {
            return new ReadRequest(null, $"not a JSON request ({Reason(e)}): send one JSON object a line, such as {{\"op\":\"remove\"}}");
        }
    }

    // "'x' is an invalid start of a value. Path: $ | LineNumber: 0 | ..." without the position, which says nothing for one line.
    private static string Reason(JsonException e) =>
        e.Message.Split(" Path:")[0].TrimEnd('.');

    /// <returns>Null at the end of the stream.</returns>
    public async Task<HelperReply?> ReadReplyAsync(CancellationToken cancellationToken) =>
        await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line
            ? JsonSerializer.Deserialize(line, HelperJson.Wire.HelperReply)
            : null;

    public Task ReplyAsync(HelperReply reply, CancellationToken cancellationToken) =>
        WriteLineAsync(JsonSerializer.Serialize(reply, HelperJson.Wire.HelperReply), cancellationToken);

    public Task SendAsync(HelperRequest request, CancellationToken cancellationToken) =>
        WriteLineAsync(JsonSerializer.Serialize(request, HelperJson.Wire.HelperRequest), cancellationToken);

    private async Task WriteLineAsync(string json, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(json + "\n"), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
}
