using System.Collections.Concurrent;
using System.Diagnostics;

namespace Telepath.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A fact that needs outside tools: "curl", "h2load", "python3:MODULE" for a module of Debian's
/// /usr/bin/python3, "busybox:APPLET" for a busybox built with that applet, or "nc:-N" for a netcat
/// with -N (OpenBSD's), or an absolute path such as /dev/fuse. Skipped, with the reason, where one is missing; CI installs them all.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    private static readonly ConcurrentDictionary<string, bool> s_present = new();

    public ToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(tool => !s_present.GetOrAdd(tool, IsPresent)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} (apt-get install curl nghttp2-client python3-grpcio python3-websockets busybox netcat-openbsd sshfs openssh-sftp-server)";
        }
    }

    private static bool IsPresent(string tool)
    {
        if (tool.StartsWith("python3:", StringComparison.Ordinal))
        {
            return Succeeds("/usr/bin/python3", "-c", $"import {tool["python3:".Length..]}");
        }

        if (tool.StartsWith("busybox:", StringComparison.Ordinal))
        {
            return OnPath("busybox") && Succeeds("/bin/sh", "-c", $"busybox --list | grep -qx '{tool["busybox:".Length..]}'");
        }

        if (tool.StartsWith('/'))
        {
            // A file the test needs where the system keeps it: /dev/fuse, /usr/lib/openssh/sftp-server.
            return File.Exists(tool);
        }

        if (tool == "nc:-N")
        {
            // Only OpenBSD's netcat has -N; the traditional one and ncat would keep the connection open.
            return OnPath("nc") && Succeeds("/bin/sh", "-c", "nc -h 2>&1 | grep -q -- '-N.*EOF on stdin'");
        }

        return OnPath(tool);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));

    // Runs once per tool while xunit discovers tests; a blocking wait is the only option in an attribute.
    private static bool Succeeds(string file, params string[] arguments)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit(10_000);
        return process.HasExited && process.ExitCode == 0;
    }
}
