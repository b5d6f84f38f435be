using Telepath.Daemon.Logging;

namespace Telepath.Daemon.Tests.Logging;

public sealed class LogFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("telepath-log-").FullName;

    [Fact]
    public void A_log_past_the_limit_becomes_the_previous_log()
    {
        var log = Path.Combine(_directory, "daemon.log");
        File.WriteAllText(log, new string('x', 100));
        File.WriteAllText(log + ".1", "older");

        Assert.True(LogFile.RotateIfLarge(log, limit: 10));

        Assert.False(File.Exists(log));
        Assert.Equal(100, new FileInfo(log + ".1").Length);
    }

    [Fact]
    public void A_small_log_is_kept()
    {
        var log = Path.Combine(_directory, "daemon.log");
        File.WriteAllText(log, "short");

        Assert.False(LogFile.RotateIfLarge(log, limit: 10));
        Assert.True(File.Exists(log));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
