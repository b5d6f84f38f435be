using System.Text;
using System.Text.Encodings.Web;

namespace Telepath.Hub.Previews.Proxy;

/// <summary>
/// The strip at the bottom of a previewed page that says whose laptop answered. Inline styles and no resources of
/// its own, so it works on any page; every name is HTML-escaped (to ASCII, so it is right in any ASCII-based charset).
/// </summary>
public static class PreviewBanner
{
    public const string ElementId = "telepath-preview-banner";

    public static byte[] Html(PreviewTarget target)
    {
        var html = HtmlEncoder.Default;
        var text = $"Preview of {html.Encode(target.Workload)} &#8212; intercepted by {html.Encode(target.OwnerEmail)} ({html.Encode(target.OrganisationName)})";
        return Encoding.ASCII.GetBytes(
            $"<div id=\"{ElementId}\" style=\"position:fixed;left:0;right:0;bottom:0;z-index:2147483647;margin:0;padding:6px 12px;"
            + "background:#1d2430;color:#fff;font:13px/1.4 system-ui,sans-serif;text-align:center;opacity:.92\">"
            + text
            + "</div>");
    }
}
