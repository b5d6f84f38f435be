namespace Telepath.Kubernetes.Install;

/// <summary>The installed manager as <c>status</c> shows it: "telepath/telepath-manager v0.1.0".</summary>
public sealed record ManagerStatus(string Namespace, string Name, string? Version, string? Image, int ReadyReplicas);
