using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Tokens;

/// <summary>
/// kube-apiserver's bound service account tokens: issued by TokenRequest (and the kubelet, for projected
/// volumes), checked by TokenReview and by bearer authentication. One issuer (<c>--service-account-issuer</c>)
/// whose URL is also the API server's own audience (<c>--api-audiences</c> defaults to it).
/// </summary>
internal sealed partial class ServiceAccountTokens(ObjectStore store, TimeProvider time, string issuer) : IDisposable
{
    private readonly SigningKey key = new();

    public string Issuer => issuer;

    /// <summary>The audiences a token gets when its request names none, and a review checks when it names none.</summary>
    public IReadOnlyList<string> ApiAudiences => [issuer];

    public void Dispose() => key.Dispose();
}
