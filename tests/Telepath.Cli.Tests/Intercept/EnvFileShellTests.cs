using Telepath.Cli.Commands.Intercept;
using Telepath.Testing.Processes;

namespace Telepath.Cli.Tests.Intercept;

/// <summary>What a shell reads back from an env file with <c>set -a; . FILE</c>: exactly the value, and nothing runs.</summary>
public sealed class EnvFileShellTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tp-env-sh-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("$(rm -rf ~)")]
    [InlineData("`touch ran`; $(touch ran) ${HOME} $HOME")]
    [InlineData("it's \"quoted\" $(touch ran)")]
    [InlineData("back\\slash \\\\ \\n \\$HOME \\\" \\' ends with \\")]
    [InlineData("C:\\dir\\")]
    [InlineData("line one\nline two\r\n\n")]
    [InlineData("'")]
    [InlineData("\"")]
    [InlineData("  padded  ")]
    [InlineData("#not a comment")]
    [InlineData("!history ~ * ? [a] {a,b} ; & | < > ( )")]
    [InlineData("héllo wörld ✓")]
    [InlineData("")]
    [InlineData("postgres://u:p@db:5432/orders?ssl=true%2B")]
    public async Task A_value_reads_back_unchanged_and_runs_nothing(string value)
    {
        var home = Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName;
        var envFile = Path.Combine(_directory, "app.env");
        EnvironmentFiles.Write(new Dictionary<string, string> { ["KEY"] = value }, envFile, envJson: null);

        var result = await ProcessRunner.RunAsync(
            "bash",
            ["-c", "cd \"$2\" || exit 9; set -a; . \"$1\"; printenv KEY", "bash", envFile, _directory],
            new Dictionary<string, string?> { ["HOME"] = home, ["KEY"] = null });

        Assert.Equal("", result.Stderr);
        Assert.Equal(value + "\n", result.Stdout);
        Assert.True(Directory.Exists(home));
        Assert.Empty(Directory.EnumerateFileSystemEntries(home));
        Assert.False(File.Exists(Path.Combine(_directory, "ran")));
    }
}
