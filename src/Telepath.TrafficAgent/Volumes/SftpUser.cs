using System.Diagnostics;
using System.Globalization;

namespace Telepath.TrafficAgent.Volumes;

/// <summary>
/// sftp-server will not start for a user /etc/passwd does not name ("No user found for uid N"), and an
/// agent that runs as the app's user (so it reads what the app reads) usually is one the image does not
/// name. Then sftp-server runs under nss_wrapper (the image's libnss-wrapper) with a passwd file that
/// adds that user, as OpenShift-style images do; the agent itself needs no passwd entry.
/// </summary>
internal static class SftpUser
{
    public const string NssWrapper = "libnss_wrapper.so";

    private static readonly Lazy<string?> s_passwd = new(WritePasswdIfNeeded);

    public static void Apply(ProcessStartInfo start)
    {
        if (s_passwd.Value is { } passwd)
        {
            start.Environment["LD_PRELOAD"] = NssWrapper;
            start.Environment["NSS_WRAPPER_PASSWD"] = passwd;
            start.Environment["NSS_WRAPPER_GROUP"] = "/etc/group";
        }
    }

    /// <returns>The passwd file that names this process's user, or null when /etc/passwd already does (or this is not Linux).</returns>
    private static string? WritePasswdIfNeeded()
    {
        if (!File.Exists("/proc/self/status") || Ids() is not var (uid, gid))
        {
            return null;
        }

        var system = File.Exists("/etc/passwd") ? File.ReadAllLines("/etc/passwd") : [];
        if (system.Any(line => line.Split(':') is { Length: > 3 } fields && fields[2] == uid))
        {
            return null;
        }

        var path = Path.Combine(Path.GetTempPath(), $"telepath-agent-passwd-{uid}");
        File.WriteAllLines(path, [.. system, $"telepath-agent:x:{uid}:{gid}:Telepath agent:{Path.GetTempPath().TrimEnd('/')}:/usr/sbin/nologin"]);
        return path;
    }

    /// <summary>The real uid and gid, from the kernel's "Uid:" and "Gid:" lines of /proc/self/status.</summary>
    private static (string Uid, string Gid)? Ids()
    {
        string? uid = null, gid = null;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 1 && fields[0] == "Uid:")
            {
                uid = fields[1];
            }
            else if (fields.Length > 1 && fields[0] == "Gid:")
            {
                gid = fields[1];
            }
        }

        return uid is not null && gid is not null && int.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? (uid, gid) : null;
    }
}
