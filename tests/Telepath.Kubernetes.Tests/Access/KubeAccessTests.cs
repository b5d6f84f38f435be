using System.Net;
using System.Net.Sockets;
using Telepath.Core;
using Telepath.Kubernetes.Access;
using Telepath.Kubernetes.Tests.Infrastructure;

namespace Telepath.Kubernetes.Tests.Access;

public class KubeAccessTests
{
    [Fact]
    public async Task The_namespace_is_the_flag_else_the_context_else_default()
    {
        using var files = new TempKubeconfig();
        var withNamespace = files.WriteSingle("shop", "https://127.0.0.1:6443", "orders");
        var without = files.WriteSingle("bare", "https://127.0.0.1:6443");

        using var fromContext = await KubeAccess.OpenAsync(new KubeAccessOptions([withNamespace]));
        using var fromFlag = await KubeAccess.OpenAsync(new KubeAccessOptions([withNamespace], Namespace: "other"));
        using var byDefault = await KubeAccess.OpenAsync(new KubeAccessOptions([without]));

        Assert.Equal(("shop", "orders"), (fromContext.ContextName, fromContext.Namespace));
        Assert.Equal("other", fromFlag.Namespace);
        Assert.Equal("default", byDefault.Namespace);
        Assert.Equal("https://127.0.0.1:6443", byDefault.ServerUrl);
    }

    [Fact]
    public async Task A_context_named_by_the_flag_is_used()
    {
        using var files = new TempKubeconfig();
        var a = files.WriteSingle("a", "https://a:6443");
        var b = files.WriteSingle("b", "https://b:6443");

        using var access = await KubeAccess.OpenAsync(new KubeAccessOptions([a, b], Context: "b"));

        Assert.Equal(("b", "https://b:6443"), (access.ContextName, access.ServerUrl));
    }

    [Fact]
    public async Task An_unknown_context_names_the_ones_there_are()
    {
        using var files = new TempKubeconfig();
        var a = files.WriteSingle("a", "https://a:6443");
        var b = files.WriteSingle("b", "https://b:6443");

        var error = await Assert.ThrowsAsync<UserErrorException>(() => KubeAccess.OpenAsync(new KubeAccessOptions([a, b], Context: "prod")));

        Assert.Equal("no context \"prod\" in the kubeconfig (contexts: a, b)", error.Message);
    }

    [Fact]
    public async Task A_context_whose_cluster_is_missing_is_named()
    {
        using var files = new TempKubeconfig();
        var config = files.Write("config", """
            apiVersion: v1
            kind: Config
            current-context: dev
            contexts:
            - name: dev
              context: { cluster: gone, user: me }
            """);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => KubeAccess.OpenAsync(new KubeAccessOptions([config])));

        Assert.Equal("the kubeconfig's context \"dev\" names cluster \"gone\", which the kubeconfig does not have", error.Message);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_named_with_its_context_and_cause()
    {
        using var files = new TempKubeconfig();
        var url = $"http://127.0.0.1:{ClosedPort()}";
        var config = files.WriteSingle("kind-dev", url);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => KubeAccess.ConnectAsync(new KubeAccessOptions([config])));

        Assert.Equal($"cannot reach the cluster of context \"kind-dev\" at {url}: connection refused", error.Message);
    }

    [Fact]
    public async Task Refused_credentials_say_they_may_have_expired()
    {
        await using var server = new CannedHttpServer(401, "Unauthorized", """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""");
        using var files = new TempKubeconfig();
        var config = files.WriteSingle("eks-prod", server.Url);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => KubeAccess.ConnectAsync(new KubeAccessOptions([config])));

        Assert.Equal("the cluster of context \"eks-prod\" refused the credentials (401 Unauthorized): they may have expired; log in again", error.Message);
    }

    [Fact]
    public async Task A_cluster_that_answers_is_connected()
    {
        await using var server = new CannedHttpServer(200, "OK", """{"major":"1","minor":"31","gitVersion":"v1.31.0"}""");
        using var files = new TempKubeconfig();
        var config = files.WriteSingle("kind-dev", server.Url);

        using var access = await KubeAccess.ConnectAsync(new KubeAccessOptions([config]));

        Assert.Equal("kind-dev", access.ContextName);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
