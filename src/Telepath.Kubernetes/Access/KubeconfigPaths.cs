using k8s.KubeConfigModels;

namespace Telepath.Kubernetes.Access;

/// <summary>Makes the file references of one kubeconfig absolute, relative to its own folder.</summary>
internal static class KubeconfigPaths
{
    public static void MakeAbsolute(K8SConfiguration config, string folder)
    {
        foreach (var cluster in config.Clusters ?? [])
        {
            if (cluster.ClusterEndpoint is { } endpoint)
            {
                endpoint.CertificateAuthority = Resolve(endpoint.CertificateAuthority, folder);
            }
        }

        foreach (var user in config.Users ?? [])
        {
            if (user.UserCredentials is not { } credentials)
            {
                continue;
            }

            credentials.ClientCertificate = Resolve(credentials.ClientCertificate, folder);
            credentials.ClientKey = Resolve(credentials.ClientKey, folder);

            // client-go resolves an exec command only when it names a path ("./bin/plugin"); a
            // bare name ("aws") is looked up on PATH.
            if (credentials.ExternalExecution is { Command: { } command } exec && command.Contains('/'))
            {
                exec.Command = Resolve(command, folder);
            }
        }
    }

    private static string Resolve(string path, string folder) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(folder, path));
}
