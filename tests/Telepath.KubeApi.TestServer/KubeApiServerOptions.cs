using System.Net;
using Telepath.KubeApi.TestServer.Pods;

namespace Telepath.KubeApi.TestServer;

/// <summary>How a test server starts. Everything can also be changed per test on the running server.</summary>
public sealed record KubeApiServerOptions
{
    public const string DefaultToken = "telepath-test-token";
    public const string DefaultUser = "alice";

    /// <summary>Bearer tokens accepted at start, and the user each authenticates as.</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; init; } =
        new Dictionary<string, string> { [DefaultToken] = DefaultUser };

    /// <summary>Runs pods' containers; by default nothing runs and pods become Ready at once.</summary>
    public IPodRunner PodRunner { get; init; } = NoPodRunner.Instance;

    /// <summary>
    /// Where the kubelet writes pods' projected service account tokens (POD-UID/VOLUME/PATH),
    /// left in place; null: a temporary folder, deleted with the server.
    /// </summary>
    public string? KubeletDirectory { get; init; }

    /// <summary>Image patterns (<c>*</c> wildcards) whose pull fails: their containers wait in ImagePullBackOff.</summary>
    public IReadOnlyList<string> UnpullableImages { get; init; } = [];

    /// <summary>First pod address; later pods count upward from it. All of 127/8 reaches lo on Linux.</summary>
    public IPAddress FirstPodIp { get; init; } = IPAddress.Parse("127.0.10.1");

    /// <summary>
    /// Where HTTPS listens (port 0: a free one). <see cref="IPAddress.Any"/> serves other network
    /// namespaces, as a real API server does; <see cref="KubeApiServer.Url"/> then names 127.0.0.1.
    /// </summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Addresses the serving certificate names besides 127.0.0.1, for clients that dial another one.</summary>
    public IReadOnlyList<IPAddress> CertificateAddresses { get; init; } = [];

    /// <summary>
    /// The service account token issuer (kube-apiserver's <c>--service-account-issuer</c>), kind's and
    /// kubeadm's by default. It is also the API server's own audience: the audience of a TokenRequest
    /// that names none, and the one a TokenReview that names none checks.
    /// </summary>
    public string ServiceAccountIssuer { get; init; } = "https://kubernetes.default.svc.cluster.local";

    /// <summary>Drives timestamps, the rollout progress deadline, and service account tokens' times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Namespaces that exist from the start, as on a fresh cluster.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>
    /// The service range (kube-apiserver's <c>--service-cluster-ip-range</c>; IPv4, so IPv6 Services
    /// are "not configured on this cluster"): cluster IPs are allocated from it, and one asked for
    /// outside it is refused with the API server's own 422.
    /// </summary>
    public IPNetwork ServiceCidr { get; init; } = IPNetwork.Parse("10.96.0.0/12");

    /// <summary>
    /// Whether the server plays Kubernetes 1.33: serves networking.k8s.io/v1 ServiceCIDRs, starting
    /// with the default one, <c>kubernetes</c>, holding <see cref="ServiceCidr"/>, and allocates cluster
    /// IPs from every ServiceCIDR. False: it plays 1.32, with neither the API nor that allocator.
    /// </summary>
    public bool ServeServiceCidrs { get; init; } = true;

    /// <summary>
    /// The node's <c>spec.podCIDRs</c> (a kube-controller-manager with <c>--allocate-node-cidrs</c>
    /// gives each node one per family); null: the /24 that holds <see cref="FirstPodIp"/>. Pods
    /// still get their addresses from <see cref="FirstPodIp"/>: ranges that do not hold them play a
    /// CNI with address management of its own.
    /// </summary>
    public IReadOnlyList<IPNetwork>? NodePodCidrs { get; init; }
}
