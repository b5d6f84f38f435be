using Telepath.Core;
using Telepath.KubeApi.TestServer;
using Telepath.Kubernetes.Access;
using Telepath.Kubernetes.Tests.Infrastructure;

namespace Telepath.Kubernetes.Tests.Access;

/// <summary>Credentials as kubectl uses them, against the API test server over TLS.</summary>
public class ClusterAccessTests
{
    [Fact]
    public async Task A_token_from_the_kubeconfig_connects_over_tls()
    {
        await using var cluster = await TestCluster.StartAsync();

        Assert.Equal(("test-cluster", cluster.Server.Url, "default"), (cluster.Access.ContextName, cluster.Access.ServerUrl.TrimEnd('/'), cluster.Access.Namespace));
    }

    [Fact]
    public async Task An_expired_token_is_told_as_such()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var files = new TempKubeconfig();
        var path = Path.Combine(files.Folder, "config");
        server.WriteKubeconfig(path, "prod");
        server.ExpireToken(KubeApiServerOptions.DefaultToken);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => KubeAccess.ConnectAsync(new KubeAccessOptions([path])));

        Assert.Equal("the cluster of context \"prod\" refused the credentials (401 Unauthorized): they may have expired; log in again", error.Message);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task An_exec_credential_plugin_supplies_the_token()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var files = new TempKubeconfig();
        var path = Path.Combine(files.Folder, "config");
        server.WriteKubeconfig(path, "exec", token: "unused");
        var plugin = files.Write("bin/token-plugin", $$$"""
            #!/bin/sh
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"{{{KubeApiServerOptions.DefaultToken}}}"}}'
            """);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        File.WriteAllText(path, File.ReadAllText(path).Replace("    token: unused", """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./bin/token-plugin
                  interactiveMode: Never
            """));

        using var access = await KubeAccess.ConnectAsync(new KubeAccessOptions([path]));

        Assert.Equal("exec", access.ContextName);
    }

    [Fact]
    public async Task A_failing_credential_plugin_is_one_line_naming_the_context()
    {
        using var files = new TempKubeconfig();
        var path = files.Write("config", """
            apiVersion: v1
            kind: Config
            current-context: gke
            clusters:
            - name: gke
              cluster: { server: "https://127.0.0.1:1" }
            users:
            - name: gke
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: /nonexistent/gke-gcloud-auth-plugin
            contexts:
            - name: gke
              context: { cluster: gke, user: gke }
            """);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => KubeAccess.ConnectAsync(new KubeAccessOptions([path])));

        Assert.StartsWith("the kubeconfig's context \"gke\" cannot be used: external exec failed", error.Message);
    }
}
