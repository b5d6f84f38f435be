using System.Text.RegularExpressions;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Intercepts;

/// <summary>
/// The default condition of a personal intercept (<c>--http-header auto</c>):
/// <c>x-telepath-intercept-id: &lt;id&gt;:&lt;name&gt;</c>, which the preview hub's ingress adds.
/// </summary>
public static class AutoHeader
{
    public const string Name = "x-telepath-intercept-id";

    public static string Value(string id, string interceptName) => $"{id}:{interceptName}";

    public static HeaderCondition For(string id, string interceptName) =>
        new() { Name = Name, ValueRegex = Regex.Escape(Value(id, interceptName)) };

    /// <summary>True for the condition <see cref="For"/> made for this intercept.</summary>
    public static bool Is(HeaderCondition header, InterceptInfo intercept) =>
        string.Equals(header.Name, Name, StringComparison.OrdinalIgnoreCase)
        && header.ValueRegex == Regex.Escape(Value(intercept.Id, intercept.Spec.Name));
}
