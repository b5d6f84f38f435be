using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Tokens;

public class TokenRequestTests
{
    private const string Issuer = "https://kubernetes.default.svc.cluster.local";

    [Fact]
    public async Task A_token_bound_to_a_pod_is_an_rs256_jwt_with_the_claims_the_api_server_writes()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var account = await cluster.Client.CoreV1.ReadNamespacedServiceAccountAsync("orders", "default");
        var node = await cluster.Client.CoreV1.ReadNodeAsync(pod.Spec.NodeName);

        var answer = await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath");

        var header = Jwt.Header(answer.Status.Token);
        var claims = Jwt.Claims(answer.Status.Token);
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(header["kid"]!.GetValue<string>()));
        Assert.Equal(["aud", "exp", "iat", "iss", "jti", "kubernetes.io", "nbf", "sub"], claims.Select(p => p.Key));
        Assert.Equal(Issuer, claims["iss"]!.GetValue<string>());
        Assert.Equal("system:serviceaccount:default:orders", claims["sub"]!.GetValue<string>());
        Assert.Equal(["telepath"], claims["aud"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(600, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
        Assert.Equal(claims["iat"]!.GetValue<long>(), claims["nbf"]!.GetValue<long>());
        Assert.True(Guid.TryParse(claims["jti"]!.GetValue<string>(), out _));
        Assert.Equal(
            $$$"""{"namespace":"default","node":{"name":"{{{node.Name()}}}","uid":"{{{node.Uid()}}}"},"pod":{"name":"orders-1","uid":"{{{pod.Uid()}}}"},"serviceaccount":{"name":"orders","uid":"{{{account.Uid()}}}"}}""",
            claims["kubernetes.io"]!.ToJsonString());
    }

    [Fact]
    public async Task The_answer_is_the_request_completed_with_the_token_and_its_expiry()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);

        var answer = await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath");

        Assert.Equal(("TokenRequest", "authentication.k8s.io/v1"), (answer.Kind, answer.ApiVersion));
        Assert.Equal(("orders", "default"), (answer.Metadata.Name, answer.Metadata.NamespaceProperty));
        Assert.Equal(["telepath"], answer.Spec.Audiences);
        Assert.Equal(600L, answer.Spec.ExpirationSeconds);
        Assert.Equal(("Pod", "v1", "orders-1", pod.Uid()), (answer.Spec.BoundObjectRef.Kind, answer.Spec.BoundObjectRef.ApiVersion, answer.Spec.BoundObjectRef.Name, answer.Spec.BoundObjectRef.Uid));
        Assert.Equal(TimeSpan.FromSeconds(600), answer.Status.ExpirationTimestamp - answer.Metadata.CreationTimestamp);
        Assert.Equal(Jwt.Claims(answer.Status.Token)["exp"]!.GetValue<long>(), new DateTimeOffset(answer.Status.ExpirationTimestamp!.Value, TimeSpan.Zero).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Without_audiences_or_expiry_a_token_is_for_the_api_server_for_an_hour()
    {
        await using var cluster = await TestCluster.StartAsync();
        await ServiceAccountPods.StartAsync(cluster.Client);

        var answer = await cluster.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, "orders", "default");

        Assert.Equal([Issuer], answer.Spec.Audiences);
        Assert.Equal(3600L, answer.Spec.ExpirationSeconds);
        Assert.Null(Jwt.Claims(answer.Status.Token)["kubernetes.io"]!["pod"]);
    }

    [Fact]
    public async Task An_expiry_under_ten_minutes_is_422_as_the_api_server_enforces()
    {
        await using var cluster = await TestCluster.StartAsync();
        await ServiceAccountPods.StartAsync(cluster.Client);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 599 } }, "orders", "default"));

        Assert.Equal(422, (int)error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes", status.Message);
        Assert.Equal(("authentication.k8s.io", "TokenRequest", null), (status.Details.Group, status.Details.Kind, status.Details.Name));
    }

    [Fact]
    public async Task A_missing_service_account_is_404()
    {
        await using var cluster = await TestCluster.StartAsync();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, "nobody", "default"));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.Equal("serviceaccounts \"nobody\" not found", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message);
    }

    [Fact]
    public async Task Binding_to_a_pod_of_another_service_account_is_400_and_to_a_replaced_pod_409()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        await cluster.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "other" } }, "default");
        var stale = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Name(), Uid = Guid.NewGuid().ToString() };

        var otherAccount = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { BoundObjectRef = stale } }, "other", "default"));
        var replaced = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { BoundObjectRef = stale } }, "orders", "default"));

        Assert.Equal(HttpStatusCode.BadRequest, otherAccount.Response.StatusCode);
        Assert.Equal("cannot bind token for serviceaccount \"other\" to pod running with different serviceaccount name.",
            KubernetesJson.Deserialize<V1Status>(otherAccount.Response.Content).Message);
        Assert.Equal(HttpStatusCode.Conflict, replaced.Response.StatusCode);
        Assert.Equal(
            $"Operation cannot be fulfilled on Pod \"orders-1\": the UID in the bound object reference ({stale.Uid}) does not match the UID in record. The object might have been deleted and then recreated",
            KubernetesJson.Deserialize<V1Status>(replaced.Response.Content).Message);
    }

    [Fact]
    public async Task Token_requests_are_authorized_as_create_on_serviceaccounts_token()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        cluster.Server.Deny("create", "serviceaccounts/token", "default");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath"));

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Equal(
            "serviceaccounts \"orders\" is forbidden: User \"alice\" cannot create resource \"serviceaccounts/token\" in API group \"\" in the namespace \"default\"",
            KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message);
    }

    [Fact]
    public async Task Discovery_lists_the_token_subresource_and_the_review_resources_as_create_only()
    {
        await using var cluster = await TestCluster.StartAsync();

        var core = await cluster.Client.CoreV1.GetAPIResourcesAsync();
        var authentication = await cluster.Client.AuthenticationV1.GetAPIResourcesAsync();
        var authorization = await cluster.Client.AuthorizationV1.GetAPIResourcesAsync();

        var token = Assert.Single(core.Resources, r => r.Name == "serviceaccounts/token");
        Assert.Equal(("authentication.k8s.io", "v1", "TokenRequest"), (token.Group, token.Version, token.Kind));
        Assert.Equal(["create"], token.Verbs);
        var reviews = Assert.Single(authentication.Resources);
        Assert.Equal(("tokenreviews", "TokenReview", false), (reviews.Name, reviews.Kind, reviews.Namespaced));
        Assert.Equal(["create"], reviews.Verbs);
        Assert.Equal(["selfsubjectaccessreviews", "subjectaccessreviews"], authorization.Resources.Select(r => r.Name).Order());
    }
}
