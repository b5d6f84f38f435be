using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>The helper's wire format: one camelCase JSON object a line, without reflection (the helper runs as root; nothing is bound dynamically).</summary>
[JsonSerializable(typeof(HelperRequest))]
[JsonSerializable(typeof(HelperReply))]
internal sealed partial class HelperJson : JsonSerializerContext
{
    // Error lines quote values; "\u0022" instead of a quote would make them hard to read for a person at a socket.
    // Nothing here is embedded in HTML, so the relaxed escaping is safe.
    public static HelperJson Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
