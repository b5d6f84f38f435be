using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Telepath.Daemon.Logging;

namespace Telepath.Daemon.Tests.Logging;

public sealed partial class LogFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("telepath-log-").FullName;

    private string Log => Path.Combine(_directory, "daemon.log");

    [Fact]
    public void A_line_is_in_the_file_as_soon_as_it_is_logged_in_the_shape_the_CLI_shows()
    {
        using var provider = LogFile.Open(Log);

        provider.CreateLogger("Telepath.Daemon").LogWarning("the proxy refuses {Peer}", "10.0.0.1:80");

        Assert.Matches(LinePattern(), ReadWhileOpen().Single());
        Assert.EndsWith(" warn Telepath.Daemon: the proxy refuses 10.0.0.1:80", ReadWhileOpen().Single());
    }

    [Fact]
    public void An_exception_follows_its_line_and_errors_are_named_fail()
    {
        using var provider = LogFile.Open(Log);

        provider.CreateLogger("Telepath.Daemon").LogError(new InvalidOperationException("boom"), "crashed");

        var lines = ReadWhileOpen();
        Assert.EndsWith(" fail Telepath.Daemon: crashed", lines[0]);
        Assert.Equal("System.InvalidOperationException: boom", lines[1]);
    }

    [Fact]
    public void A_full_log_becomes_the_previous_log_and_the_next_line_starts_a_new_one_of_the_same_name()
    {
        using var provider = LogFile.Open(Log, rollAtBytes: 100, keptFiles: 2);
        var logger = provider.CreateLogger("Telepath.Daemon");

        logger.LogInformation("first {Padding}", new string('x', 100));
        logger.LogInformation("second");

        Assert.Contains("first", File.ReadAllText(Log + ".1"));
        Assert.EndsWith(" info Telepath.Daemon: second", ReadWhileOpen().Single());
    }

    [Fact]
    public void Only_the_kept_number_of_previous_logs_remain()
    {
        using var provider = LogFile.Open(Log, rollAtBytes: 10, keptFiles: 2);
        var logger = provider.CreateLogger("Telepath.Daemon");

        foreach (var name in new[] { "one", "two", "three", "four" })
        {
            logger.LogInformation("{Name}", name);
        }

        Assert.EndsWith("four", File.ReadAllText(Log + ".1").TrimEnd());
        Assert.EndsWith("three", File.ReadAllText(Log + ".2").TrimEnd());
        Assert.False(File.Exists(Log + ".3"));
    }

    [Fact]
    public void A_log_left_full_by_the_previous_run_is_rolled_at_start_and_a_small_one_is_appended_to()
    {
        File.WriteAllText(Log, new string('x', 1000));
        using (var provider = LogFile.Open(Log, rollAtBytes: 500))
        {
            provider.CreateLogger("Telepath.Daemon").LogInformation("started");
        }

        using (var provider = LogFile.Open(Log, rollAtBytes: 500))
        {
            provider.CreateLogger("Telepath.Daemon").LogInformation("started again");
        }

        Assert.Equal(1000, new FileInfo(Log + ".1").Length);
        Assert.Equal(2, File.ReadAllLines(Log).Length);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The reader shares the file the way the CLI and the tests' DaemonLogTail do.
    private string[] ReadWhileOpen() => File.ReadLines(Log).ToArray();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} warn Telepath\.Daemon: ")]
    private static partial Regex LinePattern();
}
