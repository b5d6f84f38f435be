using System.Text;

namespace Telepath.TrafficAgent.Volumes;

/// <summary>
/// Judges each request a laptop sends sftp-server, which does not confine anyone to the directory it
/// starts in: a request passes unchanged when every path it names stays inside the volume, and is
/// answered by the agent with a refusal otherwise. Answers are not looked at: a REALPATH or READLINK may
/// still tell the laptop where a link points outside, but never what is there.
/// </summary>
internal sealed class SftpGuard(SftpGuardPaths paths)
{
    /// <summary>
    /// Linux's PATH_MAX: the kernel refuses longer paths anyway, and the bound keeps one request from costing
    /// the agent tens of thousands of lstat calls ("a/../a/../...").
    /// </summary>
    private const int MaxPathBytes = 4096;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The request's id and why it is refused, or null when it may go on to sftp-server.</summary>
    /// <param name="packet">One whole packet, its length prefix included.</param>
    /// <exception cref="SftpGuardException">The packet is malformed.</exception>
    public (uint Id, string Reason)? Judge(ReadOnlySpan<byte> packet)
    {
        var fields = new SftpGuardFields(packet[4..]);
        var type = fields.Byte();
        if (type == SftpGuardPackets.Init)
        {
            // INIT carries a version, not an id, and sftp-server answers it with its own; nothing to judge.
            return null;
        }

        var id = fields.Uint32();
        var check = SftpGuardRules.Request(type);
        var name = "";
        if (type == SftpGuardRules.Extended)
        {
            var extension = fields.String();
            name = Encoding.UTF8.GetString(extension);
            check = SftpGuardRules.Extension(name);
        }

        var reason = check switch
        {
            SftpGuardCheck.Handle => null,
            SftpGuardCheck.Path => PathReason(ref fields, followLast: true, expandsTilde: name == "expand-path@openssh.com"),
            SftpGuardCheck.PathNotFollowingLast => PathReason(ref fields, followLast: false),
            SftpGuardCheck.TwoPathsNotFollowingLast => PathReason(ref fields, followLast: false) ?? PathReason(ref fields, followLast: false),
            _ => type == SftpGuardRules.Extended ? $"{name} is not served on a volume" : $"request type {type} is not served on a volume",
        };
        return reason is null ? null : (id, reason);
    }

    private string? PathReason(ref SftpGuardFields fields, bool followLast, bool expandsTilde = false)
    {
        var bytes = fields.String();
        if (bytes.Length > MaxPathBytes)
        {
            return "a path longer than 4096 bytes";
        }

        if (bytes.Contains((byte)0))
        {
            return "a path with a NUL byte";
        }

        string path;
        try
        {
            path = s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // The agent could not name such a file to check it; a volume whose names are not UTF-8 is rare.
            return "a path that is not UTF-8";
        }

        // expand-path turns "~" into the agent's home directory, which is not the volume.
        if (expandsTilde && path.StartsWith('~'))
        {
            return "outside the volume";
        }

        var inside = followLast ? paths.Inside(path) : paths.InsideNotFollowingLast(path);
        return inside ? null : "outside the volume";
    }
}
