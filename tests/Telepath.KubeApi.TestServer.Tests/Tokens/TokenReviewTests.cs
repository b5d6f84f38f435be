using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Tokens;

public class TokenReviewTests
{
    private const string ApiAudience = "https://kubernetes.default.svc.cluster.local";

    [Fact]
    public async Task A_token_reviewed_for_its_audience_is_the_pods_service_account_with_the_pod_and_node_in_extra()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var account = await cluster.Client.CoreV1.ReadNamespacedServiceAccountAsync("orders", "default");
        var node = await cluster.Client.CoreV1.ReadNodeAsync(pod.Spec.NodeName);
        var token = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath")).Status.Token;

        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, token, "telepath");

        Assert.True(review.Authenticated);
        Assert.Null(review.Error);
        Assert.Equal(["telepath"], review.Audiences);
        Assert.Equal(("system:serviceaccount:default:orders", account.Uid()), (review.User.Username, review.User.Uid));
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"], review.User.Groups);
        Assert.Equal(
            new Dictionary<string, IList<string>>
            {
                ["authentication.kubernetes.io/credential-id"] = [$"JTI={Jwt.Claims(token)["jti"]!.GetValue<string>()}"],
                ["authentication.kubernetes.io/node-name"] = [node.Name()],
                ["authentication.kubernetes.io/node-uid"] = [node.Uid()],
                ["authentication.kubernetes.io/pod-name"] = ["orders-1"],
                ["authentication.kubernetes.io/pod-uid"] = [pod.Uid()],
            },
            review.User.Extra);
    }

    [Fact]
    public async Task A_review_for_other_audiences_is_not_authenticated_and_names_both_sides()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var token = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath")).Status.Token;

        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, token, "vault", "other");

        Assert.NotEqual(true, review.Authenticated);
        Assert.Null(review.Audiences);
        Assert.Null(review.User.Username);
        Assert.Equal("[invalid bearer token, token audiences [\"telepath\"] is invalid for the target audiences [\"vault\" \"other\"]]", review.Error);
    }

    [Fact]
    public async Task A_review_naming_no_audience_checks_the_api_servers_own_so_a_telepath_token_is_refused()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var token = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath")).Status.Token;

        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, token);

        Assert.NotEqual(true, review.Authenticated);
        Assert.Equal($"[invalid bearer token, token audiences [\"telepath\"] is invalid for the target audiences [\"{ApiAudience}\"]]", review.Error);
    }

    [Fact]
    public async Task Among_several_audiences_the_review_reports_the_ones_both_sides_name()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var token = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath", "vault")).Status.Token;

        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, token, "other", "vault");

        Assert.True(review.Authenticated);
        Assert.Equal(["vault"], review.Audiences);
    }

    [Fact]
    public async Task A_token_with_a_changed_payload_is_refused_for_its_signature()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var token = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath")).Status.Token;
        var claims = Jwt.Claims(token);
        claims["sub"] = "system:serviceaccount:kube-system:admin";

        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, Jwt.WithClaims(token, claims), "telepath");

        Assert.NotEqual(true, review.Authenticated);
        Assert.Equal("[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]", review.Error);
    }

    [Fact]
    public async Task A_token_of_another_server_with_the_same_issuer_is_refused_for_its_signature()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var other = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(other.Client);
        var token = (await ServiceAccountPods.RequestTokenAsync(other.Client, pod, "telepath")).Status.Token;

        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, token, "telepath");

        Assert.Equal("[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]", review.Error);
    }

    [Fact]
    public async Task A_token_is_accepted_up_to_a_minute_past_its_expiry_and_refused_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { Time = clock });
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var token = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath")).Status.Token;

        clock.Advance(TimeSpan.FromSeconds(600 + 59));
        var withinLeeway = await ServiceAccountPods.ReviewAsync(cluster.Client, token, "telepath");
        clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await ServiceAccountPods.ReviewAsync(cluster.Client, token, "telepath");

        Assert.True(withinLeeway.Authenticated);
        Assert.NotEqual(true, expired.Authenticated);
        Assert.Equal("[invalid bearer token, service account token has expired]", expired.Error);
    }

    [Fact]
    public async Task Deleting_the_bound_pod_revokes_its_token()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var token = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath")).Status.Token;

        await cluster.Client.CoreV1.DeleteNamespacedPodAsync("orders-1", "default");
        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, token, "telepath");

        Assert.NotEqual(true, review.Authenticated);
        Assert.Equal("[invalid bearer token, service account token has been invalidated]", review.Error);
    }

    [Fact]
    public async Task A_new_pod_of_the_same_name_does_not_revive_the_token()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var token = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath")).Status.Token;
        await cluster.Client.CoreV1.DeleteNamespacedPodAsync("orders-1", "default");
        var namesake = await ServiceAccountPods.StartAsync(cluster.Client);

        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, token, "telepath");

        Assert.Equal($"[invalid bearer token, pod UID ({namesake.Uid()}) does not match service account pod ref claim ({pod.Uid()})]", review.Error);
    }

    [Fact]
    public async Task Deleting_the_service_account_revokes_its_tokens()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var token = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath")).Status.Token;

        await cluster.Client.CoreV1.DeleteNamespacedServiceAccountAsync("orders", "default");
        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, token, "telepath");

        Assert.Equal("[invalid bearer token, serviceaccounts \"orders\" not found]", review.Error);
    }

    [Fact]
    public async Task What_is_no_token_of_this_issuer_is_an_invalid_bearer_token()
    {
        await using var cluster = await TestCluster.StartAsync();

        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, "not-a-jwt", "telepath");

        Assert.NotEqual(true, review.Authenticated);
        Assert.Equal("invalid bearer token", review.Error);
    }

    [Fact]
    public async Task The_answer_echoes_the_review_with_its_status_and_no_creation_time()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var token = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath")).Status.Token;

        var answer = await cluster.Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview
        {
            Spec = new V1TokenReviewSpec { Token = token, Audiences = ["telepath"] },
        });

        Assert.Equal(("TokenReview", "authentication.k8s.io/v1"), (answer.Kind, answer.ApiVersion));
        Assert.Equal(token, answer.Spec.Token);
        Assert.Equal(["telepath"], answer.Spec.Audiences);
        Assert.Null(answer.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task On_the_wire_a_refused_review_has_an_empty_user_and_no_authenticated_field()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(cluster.Client.BaseUri, "apis/authentication.k8s.io/v1/tokenreviews"))
        {
            Content = new StringContent("""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"not-a-jwt","audiences":["telepath"]}}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", KubeApiServerOptions.DefaultToken);

        using var response = await cluster.Client.HttpClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(
            """{"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"token":"not-a-jwt","audiences":["telepath"]},"status":{"user":{},"error":"invalid bearer token"}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_review_without_a_token_is_400()
    {
        await using var cluster = await TestCluster.StartAsync();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            cluster.Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec() }));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Equal("token is required for TokenReview in authentication", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message);
    }

    [Fact]
    public async Task Token_reviews_are_authorized_as_create_on_tokenreviews_at_the_cluster_scope()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Deny("create", "tokenreviews.authentication.k8s.io", user: KubeApiServerOptions.DefaultUser);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ServiceAccountPods.ReviewAsync(cluster.Client, "x", "telepath"));

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Equal(
            "tokenreviews.authentication.k8s.io is forbidden: User \"alice\" cannot create resource \"tokenreviews\" in API group \"authentication.k8s.io\" at the cluster scope",
            KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message);
    }

    [Fact]
    public async Task A_token_for_the_api_server_opens_the_api_as_the_service_account_and_a_telepath_token_does_not()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pod = await ServiceAccountPods.StartAsync(cluster.Client);
        var apiToken = (await cluster.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, "orders", "default")).Status.Token;
        var telepathToken = (await ServiceAccountPods.RequestTokenAsync(cluster.Client, pod, "telepath")).Status.Token;
        cluster.Server.Deny("list", "secrets", user: "system:serviceaccount:default:orders");
        using var asAccount = cluster.NewClient(apiToken);
        using var withTelepathToken = cluster.NewClient(telepathToken);

        var pods = await asAccount.CoreV1.ListNamespacedPodAsync("default");
        var secrets = await Assert.ThrowsAsync<HttpOperationException>(() => asAccount.CoreV1.ListNamespacedSecretAsync("default"));
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => withTelepathToken.CoreV1.ListNamespacedPodAsync("default"));

        Assert.Contains(pods.Items, p => p.Name() == "orders-1");
        Assert.Equal(
            "secrets is forbidden: User \"system:serviceaccount:default:orders\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"",
            KubernetesJson.Deserialize<V1Status>(secrets.Response.Content).Message);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Response.StatusCode);
    }
}
