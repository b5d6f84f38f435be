using Telepath.Cli.Commands.Intercept;

namespace Telepath.Cli.Tests.Intercept;

public sealed class EnvironmentFilesTests
{
    [Fact]
    public async Task The_env_file_has_sorted_KEY_VALUE_lines_and_the_json_one_object()
    {
        var directory = Directory.CreateTempSubdirectory("tp-env-").FullName;
        var envFile = Path.Combine(directory, "app.env");
        var envJson = Path.Combine(directory, "app.json");
        var environment = new Dictionary<string, string> { ["B"] = "two words", ["A"] = "x=y", ["C"] = "line1\nline2" };

        await EnvironmentFiles.WriteAsync(environment, envFile, envJson, CancellationToken.None);

        Assert.Equal("A=x=y\nB=two words\nC=line1\\nline2\n", await File.ReadAllTextAsync(envFile));
        Assert.Equal("{\n  \"A\": \"x=y\",\n  \"B\": \"two words\",\n  \"C\": \"line1\\nline2\"\n}\n", (await File.ReadAllTextAsync(envJson)).Replace("\r\n", "\n"));
        Directory.Delete(directory, recursive: true);
    }
}
