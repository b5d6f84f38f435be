namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// The cluster's DNS domain, read the way a pod sees it: kubelet writes
/// <c>search NS.svc.DOMAIN svc.DOMAIN DOMAIN</c> into every pod's resolv.conf.
/// </summary>
public static class ClusterDomain
{
    public const string Default = "cluster.local";

    public static string FromResolvConf(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || words[0] != "search")
            {
                continue;
            }

            foreach (var word in words.Skip(1))
            {
                var domain = word.TrimEnd('.').ToLowerInvariant();
                if (domain.StartsWith("svc.", StringComparison.Ordinal) && domain.Length > "svc.".Length)
                {
                    return domain["svc.".Length..];
                }
            }
        }

        return Default;
    }

    /// <summary>The domain from the file, or the default when it cannot be read (a manager outside a pod).</summary>
    public static string Read(string resolvConfPath)
    {
        try
        {
            return FromResolvConf(File.ReadAllText(resolvConfPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Default;
        }
    }
}
