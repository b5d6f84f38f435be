using Telepath.Testing.Polling;
using k8s;
using k8s.Models;

namespace Telepath.KubeApi.TestServer.Tests.Infrastructure;

/// <summary>A service account with a pod running as it, and tokens bound to that pod, through the real client.</summary>
internal static class ServiceAccountPods
{
    public const string Account = "orders";

    /// <summary>Creates service account <see cref="Account"/> and a pod running as it; returns the pod once it is on the node.</summary>
    public static async Task<V1Pod> StartAsync(IKubernetes client, string name = "orders-1", string @namespace = "default")
    {
        if ((await client.CoreV1.ListNamespacedServiceAccountAsync(@namespace)).Items.All(a => a.Name() != Account))
        {
            await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = Account } }, @namespace);
        }

        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec { ServiceAccountName = Account, Containers = [new V1Container { Name = "app", Image = "nginx:1.27" }] },
        }, @namespace);
        return await Poll.UntilAsync(() => client.CoreV1.ReadNamespacedPodAsync(name, @namespace), p => p.Spec.NodeName is not null);
    }

    public static async Task<Authenticationv1TokenRequest> RequestTokenAsync(IKubernetes client, V1Pod pod, params string[] audiences) =>
        await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec
            {
                Audiences = audiences,
                ExpirationSeconds = 600,
                BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Name(), Uid = pod.Uid() },
            },
        }, pod.Spec.ServiceAccountName, pod.Namespace());

    public static async Task<V1TokenReviewStatus> ReviewAsync(IKubernetes client, string token, params string[] audiences) =>
        (await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview
        {
            Spec = new V1TokenReviewSpec { Token = token, Audiences = audiences.Length > 0 ? audiences : null },
        })).Status;
}
