namespace Telepath.Hub.Previews.Proxy;

/// <summary>Recognises a preview's host, `&lt;id&gt;.&lt;PreviewDomain&gt;` on any port.</summary>
public static class PreviewHost
{
    /// <returns>The preview id, or null when the host is not a preview's (the hub's own pages).</returns>
    public static string? IdOf(string host, string previewDomain)
    {
        var suffix = "." + previewDomain;
        if (!host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) || host.Length == suffix.Length)
        {
            return null;
        }

        var label = host[..^suffix.Length].ToLowerInvariant();
        // One DNS label, not deeper: a.b.<domain> is no preview of ours.
        return label.Length <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? label : null;
    }
}
