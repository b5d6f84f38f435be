using Telepath.Cli.Commands.Intercept;

namespace Telepath.Cli.Tests.Intercept;

public sealed class EnvironmentFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tp-env-").FullName;

    private string EnvFile => Path.Combine(_directory, "app.env");

    private string EnvJson => Path.Combine(_directory, "app.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_env_file_has_sorted_KEY_VALUE_lines_quoted_where_needed_and_the_json_one_object()
    {
        var environment = new Dictionary<string, string> { ["B"] = "two words", ["A"] = "x=y", ["C"] = "line1\nline2" };

        EnvironmentFiles.Write(environment, EnvFile, EnvJson);

        Assert.Equal("A=x=y\nB='two words'\nC='line1\nline2'\n", await File.ReadAllTextAsync(EnvFile));
        Assert.Equal("{\n  \"A\": \"x=y\",\n  \"B\": \"two words\",\n  \"C\": \"line1\\nline2\"\n}\n", (await File.ReadAllTextAsync(EnvJson)).Replace("\r\n", "\n"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Both_files_are_private_to_the_user_even_where_older_ones_were_not()
    {
        await File.WriteAllTextAsync(EnvFile, "OLD=1\n");
        File.SetUnixFileMode(EnvFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        EnvironmentFiles.Write(new Dictionary<string, string> { ["TOKEN"] = "s3cret" }, EnvFile, EnvJson);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EnvFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EnvJson));
        Assert.Equal("TOKEN=s3cret\n", await File.ReadAllTextAsync(EnvFile));
        Assert.Equal(["app.env", "app.json"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Names_a_shell_cannot_set_are_left_out_of_the_env_file_with_one_warning_and_kept_in_the_json()
    {
        var environment = new Dictionary<string, string> { ["GOOD"] = "1", ["my.key"] = "2", ["2FA"] = "3", ["x-y"] = "4" };

        var warnings = EnvironmentFiles.Write(environment, EnvFile, EnvJson);

        Assert.Equal("GOOD=1\n", await File.ReadAllTextAsync(EnvFile));
        Assert.Equal([$"warning: {EnvFile} leaves out variables whose names a shell cannot set: 2FA, my.key, x-y; {EnvJson} has them"], warnings);
        Assert.Contains("\"my.key\": \"2\"", await File.ReadAllTextAsync(EnvJson));
    }

    [Fact]
    public async Task A_value_no_quoting_reads_back_the_same_everywhere_is_left_out_with_a_warning()
    {
        var environment = new Dictionary<string, string> { ["BOTH"] = "it's `date`", ["FINE"] = "it's" };

        var warnings = EnvironmentFiles.Write(environment, EnvFile, envJson: null);

        Assert.Equal("FINE=\"it's\"\n", await File.ReadAllTextAsync(EnvFile));
        Assert.Equal(
            [$"warning: {EnvFile} leaves out variables whose values have both a ' (or a trailing \\) and a `, which no quoting lets sh and docker compose both read back: BOTH; --env-json keeps every variable"],
            warnings);
    }
}
