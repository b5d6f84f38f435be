using Telepath.Core;
using Telepath.Kubernetes.Access;
using Telepath.Kubernetes.Tests.Infrastructure;

namespace Telepath.Kubernetes.Tests.Access;

public class KubeconfigMergerTests
{
    [Fact]
    public async Task The_first_file_wins_for_the_current_context_and_every_named_entry()
    {
        using var files = new TempKubeconfig();
        var first = files.Write("a/config", """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: shared
              cluster: { server: "https://first:6443" }
            users:
            - name: alice
              user: { token: one }
            contexts:
            - name: dev
              context: { cluster: shared, user: alice }
            """);
        var second = files.Write("b/config", """
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: shared
              cluster: { server: "https://second:6443" }
            - name: prod
              cluster: { server: "https://prod:6443" }
            users:
            - name: bob
              user:
                client-certificate: certs/bob.crt
                client-key: certs/bob.key
            contexts:
            - name: dev
              context: { cluster: prod, user: bob }
            - name: prod
              context: { cluster: prod, user: bob, namespace: shop }
            """);

        var merged = await KubeconfigMerger.LoadAsync([first, second]);

        Assert.Equal("dev", merged.CurrentContext);
        Assert.Equal(["shared", "prod"], merged.Clusters.Select(c => c.Name));
        Assert.Equal("https://first:6443", merged.Clusters.First().ClusterEndpoint.Server);
        Assert.Equal(["dev", "prod"], merged.Contexts.Select(c => c.Name));
        Assert.Equal("shared", merged.Contexts.First().ContextDetails.Cluster);
        Assert.Equal(["alice", "bob"], merged.Users.Select(u => u.Name));
        Assert.Equal(Path.Combine(files.Folder, "b", "certs", "bob.crt"), merged.Users.Last().UserCredentials.ClientCertificate);
    }

    [Fact]
    public async Task Files_that_do_not_exist_are_skipped()
    {
        using var files = new TempKubeconfig();
        var only = files.WriteSingle("kind-dev", "https://127.0.0.1:6443");

        var merged = await KubeconfigMerger.LoadAsync([Path.Combine(files.Folder, "missing"), only]);

        Assert.Equal("kind-dev", merged.CurrentContext);
    }

    [Fact]
    public async Task No_file_at_all_is_one_clear_line()
    {
        var error = await Assert.ThrowsAsync<UserErrorException>(() => KubeconfigMerger.LoadAsync(["/nonexistent/kubeconfig"]));

        Assert.Equal("no kubeconfig found at /nonexistent/kubeconfig: check KUBECONFIG", error.Message);
    }

    [Fact]
    public void The_variable_splits_like_kubectl()
    {
        Assert.Equal(["/a", "/b"], KubeAccessOptions.SplitKubeconfigVariable("/a::/b:"));
        Assert.Empty(KubeAccessOptions.SplitKubeconfigVariable(""));
    }
}
