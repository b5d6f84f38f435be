namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>A route the helper added on its own link for a redirected range, and why (for status).</summary>
/// <param name="Cidr">The range, e.g. 10.96.0.0/12.</param>
/// <param name="Device">Telepath's link, e.g. telepath0.</param>
/// <param name="Why">E.g. "no route covered 10.96.0.0/12".</param>
public sealed record OwnRoute(string Cidr, string Device, string Why);
