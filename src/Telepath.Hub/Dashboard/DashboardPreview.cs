namespace Telepath.Hub.Dashboard;

/// <summary>
/// One row of the dashboard: state is "active", or "laptop gone" while its lease runs out; <see cref="Mine"/> says
/// whether the caller may change it; <see cref="Requests"/> and <see cref="LastRequestAt"/> what it has carried
/// (since the hub started).
/// </summary>
public sealed record DashboardPreview(
    string Id,
    string InterceptName,
    string Workload,
    string Namespace,
    string Owner,
    bool Mine,
    string State,
    string Url,
    string Visibility,
    long Requests,
    DateTimeOffset? LastRequestAt);

/// <summary>The body of the visibility switch.</summary>
public sealed record VisibilityChange(bool? Public);
