using System.Net;
using k8s.Autorest;
using Telepath.Kubernetes.Errors;

namespace Telepath.Kubernetes.Tests.Errors;

public class ForbiddenTests
{
    [Fact]
    public void The_verb_resource_and_namespace_come_from_the_status()
    {
        var error = Forbidden.ToUserError(
            Refusal("""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"deployments.apps \"orders\" is forbidden: User \"bob\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"default\"","reason":"Forbidden","details":{"name":"orders","group":"apps","kind":"deployments"},"code":403}"""),
            "update", "unknown", "elsewhere");

        Assert.Equal(
            "you are not allowed to patch deployments in namespace \"default\" (forbidden): ask your cluster admin for 'patch' on deployments.apps",
            error.Message);
    }

    [Fact]
    public void The_core_group_has_no_suffix_and_cluster_scope_is_said()
    {
        var error = Forbidden.ToUserError(
            Refusal("""{"kind":"Status","message":"namespaces is forbidden: User \"bob\" cannot create resource \"namespaces\" in API group \"\" at the cluster scope","reason":"Forbidden","code":403}"""),
            "create", "namespaces", null);

        Assert.Equal("you are not allowed to create namespaces cluster-wide (forbidden): ask your cluster admin for 'create' on namespaces", error.Message);
    }

    [Fact]
    public void Without_a_status_the_call_says_what_it_tried()
    {
        var error = Forbidden.ToUserError(Refusal(""), "patch", "services", "shop");

        Assert.Equal("you are not allowed to patch services in namespace \"shop\" (forbidden): ask your cluster admin for 'patch' on services", error.Message);
    }

    private static HttpOperationException Refusal(string body) => new()
    {
        Response = new HttpResponseMessageWrapper(new System.Net.Http.HttpResponseMessage(HttpStatusCode.Forbidden), body),
    };
}
