using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Kubectl;

public class KubectlTests
{
    private const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: 1
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: nginx:IMAGE_TAG
                ports:
                - containerPort: 80
        """;

    [Fact]
    public async Task Apply_get_patch_rollout_status_and_delete_work_like_on_a_cluster()
    {
        Assert.True(Infrastructure.Kubectl.IsInstalled, "kubectl is not installed");
        await using var cluster = await TestCluster.StartAsync();

        var created = await Run(cluster, Manifest.Replace("IMAGE_TAG", "1.27"), "apply", "-f", "-");
        Assert.Contains("deployment.apps/web created", created);
        var configured = await Run(cluster, Manifest.Replace("IMAGE_TAG", "1.28"), "apply", "-f", "-");
        Assert.Contains("deployment.apps/web configured", configured);

        var patched = await Run(cluster, null, "patch", "deploy/web", "--type=strategic",
            "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"A","value":"1"}]}]}}}}""");
        Assert.Contains("deployment.apps/web patched", patched);

        var rollout = await Run(cluster, null, "rollout", "status", "deploy/web", "--timeout=10s");
        Assert.Contains("deployment \"web\" successfully rolled out", rollout);

        var json = JsonNode.Parse(await Run(cluster, null, "get", "deploy", "-o", "json"))!;
        var container = json["items"]![0]!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1.28", container["image"]!.GetValue<string>());
        Assert.Equal("A", container["env"]![0]!["name"]!.GetValue<string>());

        var deleted = await Run(cluster, null, "delete", "deploy/web");
        Assert.Contains("deployment.apps \"web\" deleted", deleted);
        var (code, _, stderr) = await Infrastructure.Kubectl.RunAsync(cluster, "get", "deploy/web");
        Assert.Equal(1, code);
        Assert.Contains("Error from server (NotFound): deployments.apps \"web\" not found", stderr);
    }

    [Fact]
    public async Task A_denied_verb_reads_like_rbac_in_kubectl()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Deny("list", "pods");

        var (code, _, stderr) = await Infrastructure.Kubectl.RunAsync(cluster, "get", "pods");

        Assert.Equal(1, code);
        Assert.Contains("Error from server (Forbidden): pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"", stderr);
    }

    private static async Task<string> Run(TestCluster cluster, string? stdin, params string[] args)
    {
        var (code, stdout, stderr) = await Infrastructure.Kubectl.RunWithInputAsync(cluster, stdin, args);
        Assert.True(code == 0, $"kubectl {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }
}
