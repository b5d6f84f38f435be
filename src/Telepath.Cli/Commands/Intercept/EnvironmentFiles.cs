using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telepath.Core;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>
/// <c>--env-file</c> (<see cref="EnvFileFormat"/>) and <c>--env-json</c> (one JSON object, every variable):
/// the app container's environment for the local copy. Both may hold the workload's secrets, so both
/// are private to the user (<see cref="PrivateFile"/>).
/// </summary>
internal static class EnvironmentFiles
{
    /// <returns>Warnings for the user, one line each: the variables the env file leaves out, and why.</returns>
    public static IReadOnlyList<string> Write(IReadOnlyDictionary<string, string> environment, string? envFile, string? envJson)
    {
        var sorted = environment.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        var warnings = new List<string>();
        if (envFile is { Length: > 0 })
        {
            var file = EnvFileFormat.Format(sorted);
            WriteText(envFile, file.Text, "--env-file");
            var keptElsewhere = envJson is { Length: > 0 } ? $"; {envJson} has them" : "; --env-json keeps every variable";
            if (file.BadNames.Count > 0)
            {
                warnings.Add($"warning: {envFile} leaves out variables whose names a shell cannot set: {string.Join(", ", file.BadNames)}{keptElsewhere}");
            }

            if (file.Unquotable.Count > 0)
            {
                warnings.Add($"warning: {envFile} leaves out variables whose values have both a ' (or a trailing \\) and a `, which no quoting lets sh and docker compose both read back: {string.Join(", ", file.Unquotable)}{keptElsewhere}");
            }
        }

        if (envJson is { Length: > 0 })
        {
            var json = new JsonObject();
            foreach (var (key, value) in sorted)
            {
                json[key] = value;
            }

            WriteText(envJson, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", "--env-json");
        }

        return warnings;
    }

    private static void WriteText(string path, string text, string option)
    {
        try
        {
            PrivateFile.Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot write {option} {path}: {e.Message}");
        }
    }
}
