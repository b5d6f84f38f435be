namespace Telepath.Kubernetes.Tests.Infrastructure;

/// <summary>Kubeconfig files in a folder of their own, deleted after the test.</summary>
internal sealed class TempKubeconfig : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("telepath-kubeconfig-").FullName;

    public string Write(string relativePath, string yaml)
    {
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>A kubeconfig with one context whose cluster is at <paramref name="server"/> and whose user has a token.</summary>
    public string WriteSingle(string name, string server, string? @namespace = null) => Write($"{name}.yaml", $"""
        apiVersion: v1
        kind: Config
        current-context: {name}
        clusters:
        - name: {name}
          cluster:
            server: {server}
        users:
        - name: {name}
          user:
            token: t0ken
        contexts:
        - name: {name}
          context:
            cluster: {name}
            user: {name}
            {(@namespace is null ? "" : $"namespace: {@namespace}")}
        """);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
