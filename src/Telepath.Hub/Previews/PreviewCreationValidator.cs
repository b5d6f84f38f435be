using System.Text.RegularExpressions;

namespace Telepath.Hub.Previews;

/// <summary>
/// Checks a <see cref="PreviewCreationRequest"/> field by field; the first bad one is the answer, named in the
/// error's description. The header and the ingress end up in requests the hub sends, so they must be exactly
/// what HTTP and DNS allow: a header value with a line break, or a host with a slash, would smuggle something else.
/// </summary>
public static partial class PreviewCreationValidator
{
    /// <returns>Null when the request is valid, else why not.</returns>
    public static string? Problem(PreviewCreationRequest request) =>
        Required(request.InterceptId, "intercept_id", 64) ?? Matching(request.InterceptId!, "intercept_id", Identifier())
        ?? Required(request.InterceptName, "intercept_name", 253) ?? Matching(request.InterceptName!, "intercept_name", Identifier())
        ?? Required(request.Workload, "workload", 253) ?? Matching(request.Workload!, "workload", Identifier())
        ?? Required(request.Namespace, "namespace", 63) ?? Matching(request.Namespace!, "namespace", DnsLabel())
        ?? Required(request.HeaderName, "header_name", 256) ?? Matching(request.HeaderName!, "header_name", HttpToken())
        ?? Required(request.HeaderValue, "header_value", 1024) ?? Matching(request.HeaderValue!, "header_value", HeaderValueText())
        ?? Required(request.IngressHost, "ingress_host", 253) ?? Host(request.IngressHost!, "ingress_host")
        ?? Port(request.IngressPort)
        ?? (request.IngressTls is null ? "ingress_tls is required (true or false)" : null)
        ?? (string.IsNullOrEmpty(request.IngressL5Host) ? null : Required(request.IngressL5Host, "ingress_l5_host", 253) ?? Host(request.IngressL5Host, "ingress_l5_host"));

    private static string? Required(string? value, string field, int maxLength) => value switch
    {
        null or "" => $"{field} is required",
        { Length: var length } when length > maxLength => $"{field} is longer than {maxLength} characters",
        _ => null,
    };

    private static string? Matching(string value, string field, Regex pattern) =>
        pattern.IsMatch(value) ? null : $"{field} \"{Shown(value)}\" is not valid: {Explain(field)}";

    private static string? Host(string value, string field) =>
        Uri.CheckHostName(value) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? null
            : $"{field} \"{Shown(value)}\" is not a host name or IP address";

    private static string? Port(int? port) => port switch
    {
        null => "ingress_port is required",
        < 1 or > 65535 => $"ingress_port {port} is not between 1 and 65535",
        _ => null,
    };

    private static string Explain(string field) => field switch
    {
        "namespace" => "a Kubernetes namespace is lowercase letters, digits and '-'",
        "header_name" => "an HTTP header name is letters, digits and !#$%&'*+-.^_`|~",
        "header_value" => "visible characters and spaces only, no line breaks",
        _ => "letters, digits and -._: only",
    };

    // Control characters are shown escaped, so the error message cannot itself break a terminal line.
    private static string Shown(string value) => Regex.Escape(value.Length > 64 ? value[..64] + "…" : value);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    // RFC 9110 §5.6.2 token.
    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HttpToken();

    // RFC 9110 §5.5 field-value without obs-text: visible ASCII, spaces and tabs inside, none at the ends.
    [GeneratedRegex("^[\\x21-\\x7E]([\\x20-\\x7E\\t]*[\\x21-\\x7E])?$")]
    private static partial Regex HeaderValueText();
}
