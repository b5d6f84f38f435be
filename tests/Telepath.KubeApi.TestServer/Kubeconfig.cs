namespace Telepath.KubeApi.TestServer;

/// <summary>Writes a kubeconfig for the test server: one cluster, one token user, one context.</summary>
internal static class Kubeconfig
{
    public static void Write(string path, string server, string caPem, string contextName, string @namespace, string token)
    {
        // Plain YAML that both kubectl and KubernetesClientConfiguration read.
        var ca = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(caPem));
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {contextName}
              cluster:
                server: {server}
                certificate-authority-data: {ca}
            users:
            - name: {contextName}
              user:
                token: {token}
            contexts:
            - name: {contextName}
              context:
                cluster: {contextName}
                user: {contextName}
                namespace: {@namespace}
            current-context: {contextName}

            """;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, yaml);
    }
}
