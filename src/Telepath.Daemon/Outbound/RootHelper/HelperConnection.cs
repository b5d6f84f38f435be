using System.Text;
using System.Text.Json;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>A request line as read: the request, or why the line is not one; after a <paramref name="Final"/> error nothing more is read.</summary>
internal sealed record ReadRequest(HelperRequest? Request, string? Error, bool Final = false);

/// <summary>One end of the helper's socket: JSON objects, one a line, both ways.</summary>
internal sealed class HelperConnection(Stream stream)
{
    /// <summary>
    /// The longest line either side reads. The helper is root, and a line that never ends must not cost it
    /// more than this. It is above the largest request the validator can accept (2 × 1,024 ranges and
    /// 1,040 names of up to 253 characters: about 310 KB), so it refuses nothing that would be applied.
    /// </summary>
    public const int MaxLineBytes = 512 * 1024;

    private readonly BoundedLineReader _reader = new(stream, MaxLineBytes);

    /// <returns>Null at the end of the stream.</returns>
    public async Task<ReadRequest?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        if (await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is not { } read)
        {
            return null;
        }

        if (read.Text is not { } line)
        {
            return new ReadRequest(null, $"refused: a request line is longer than {MaxLineBytes / 1024} KiB; send one JSON object a line, each shorter", Final: true);
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
        await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } read
            ? read.Text ?? throw new IOException($"the network helper sent a line longer than {MaxLineBytes / 1024} KiB")
            : null;
}
