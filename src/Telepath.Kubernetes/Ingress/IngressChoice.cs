namespace Telepath.Kubernetes.Ingress;

/// <summary>Where a preview URL's requests enter the cluster, as the hub will dial it.</summary>
/// <param name="Host">The address the hub connects to: an IP or a DNS name ("ingress-nginx-controller.ingress-nginx").</param>
/// <param name="L5Host">The TLS SNI and HTTP Host the ingress routes by; often the Ingress rule's host.</param>
/// <param name="Source">What the choice was derived from, shown beside the question.</param>
public sealed record IngressChoice(string Host, int Port, bool UseTls, string L5Host, string Source);
