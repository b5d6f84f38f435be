using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.KubeApi.TestServer.Auth;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Auth;

public class AccessReviewTests
{
    [Fact]
    public async Task What_no_rule_denies_is_allowed_with_rbacs_reason()
    {
        await using var cluster = await TestCluster.StartAsync();

        var status = await ReviewAsync(cluster.Client, "bob", "get", "apps", "deployments", "b");

        Assert.True(status.Allowed);
        Assert.Null(status.Denied);
        Assert.Equal(AccessRules.AllowedReason, status.Reason);
    }

    [Fact]
    public async Task A_denied_verb_is_not_allowed_for_that_user_and_stays_allowed_for_others_and_other_verbs()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Deny("patch", "deployments.apps", "b", "bob");

        var bobPatch = await ReviewAsync(cluster.Client, "bob", "patch", "apps", "deployments", "b", "orders");
        var bobGet = await ReviewAsync(cluster.Client, "bob", "get", "apps", "deployments", "b", "orders");
        var carolPatch = await ReviewAsync(cluster.Client, "carol", "patch", "apps", "deployments", "b", "orders");

        // RBAC has no deny rules: it only fails to allow, with no reason and denied unset.
        Assert.Equal((false, null, null), (bobPatch.Allowed, bobPatch.Denied, bobPatch.Reason));
        Assert.True(bobGet.Allowed);
        Assert.True(carolPatch.Allowed);
    }

    [Fact]
    public async Task A_namespace_denied_to_one_user_is_closed_to_them_for_every_resource_and_open_to_another()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Deny("*", "*", "b", "bob");

        var bobPods = await ReviewAsync(cluster.Client, "bob", "list", "", "pods", "b");
        var bobScale = await ReviewAsync(cluster.Client, "bob", "update", "apps", "deployments", "b", "orders", "scale");
        var bobElsewhere = await ReviewAsync(cluster.Client, "bob", "list", "", "pods", "default");
        var carolPods = await ReviewAsync(cluster.Client, "carol", "list", "", "pods", "b");

        Assert.False(bobPods.Allowed);
        Assert.False(bobScale.Allowed);
        Assert.True(bobElsewhere.Allowed);
        Assert.True(carolPods.Allowed);
    }

    [Fact]
    public async Task A_self_review_answers_for_the_caller()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Deny("*", "*", "b", "bob");
        using var bob = cluster.NewClientFor("bob");
        using var carol = cluster.NewClientFor("carol");
        var review = new V1SelfSubjectAccessReview
        {
            Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = new V1ResourceAttributes { NamespaceProperty = "b", Verb = "get", Resource = "pods" } },
        };

        var bobs = await bob.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(review);
        var carols = await carol.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(review);

        Assert.False(bobs.Status.Allowed);
        Assert.True(carols.Status.Allowed);
        Assert.Equal("pods", bobs.Spec.ResourceAttributes.Resource);
    }

    [Fact]
    public async Task A_review_naming_nobody_is_422_as_the_api_server_validates_it()
    {
        await using var cluster = await TestCluster.StartAsync();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(
            new V1SubjectAccessReview { Spec = new V1SubjectAccessReviewSpec() }));

        Assert.Equal(422, (int)error.Response.StatusCode);
        Assert.Equal(
            "SubjectAccessReview.authorization.k8s.io \"\" is invalid: [spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: \"\": at least one of user or group must be specified]",
            KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message);
    }

    [Fact]
    public async Task Subject_access_reviews_are_authorized_as_create_on_subjectaccessreviews()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Deny("create", "subjectaccessreviews.authorization.k8s.io");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ReviewAsync(cluster.Client, "bob", "get", "", "pods", "b"));

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
    }

    private static async Task<V1SubjectAccessReviewStatus> ReviewAsync(IKubernetes client, string user, string verb, string group, string resource,
        string @namespace, string? name = null, string? subresource = null) =>
        (await client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                Groups = ["system:authenticated"],
                ResourceAttributes = new V1ResourceAttributes
                {
                    NamespaceProperty = @namespace,
                    Verb = verb,
                    Group = group,
                    Resource = resource,
                    Subresource = subresource,
                    Name = name,
                },
            },
        })).Status;
}
