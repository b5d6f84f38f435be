using System.Text.Json;
using System.Text.Json.Nodes;
using Telepath.Cli.Output;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>
/// <c>--env-file</c> (<see cref="EnvFileFormat"/>) and <c>--env-json</c> (one JSON object, every variable):
/// the app container's environment for the local copy. Both may hold the workload's secrets, so both
/// are private to the user (<see cref="PrivateFile"/>).
/// </summary>
internal static class EnvironmentFiles
{
    /// <returns>Warnings for the user, one line each: the variables the env file leaves out, and why.</returns>
    public static async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyDictionary<string, string> environment, string? envFile, string? envJson, CancellationToken cancellationToken)
    {
        var sorted = environment.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        var warnings = new List<string>();
        if (envFile is { Length: > 0 })
        {
            var file = EnvFileFormat.Format(sorted);
            await PrivateFile.WriteAsync(envFile, file.Text, "--env-file", cancellationToken).ConfigureAwait(false);
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

            await PrivateFile.WriteAsync(envJson, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", "--env-json", cancellationToken).ConfigureAwait(false);
        }

        return warnings;
    }
}
