using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>
/// <c>--env-file</c> (KEY=VALUE lines, as docker's and compose's env files read them) and
/// <c>--env-json</c> (one JSON object): the app container's environment for the local copy.
/// </summary>
internal static class EnvironmentFiles
{
    public static async Task WriteAsync(IReadOnlyDictionary<string, string> environment, string? envFile, string? envJson, CancellationToken cancellationToken)
    {
        var sorted = environment.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        if (envFile is { Length: > 0 })
        {
            var text = new StringBuilder();
            foreach (var (key, value) in sorted)
            {
                // A line holds one variable: a value with a line break cannot be written as KEY=VALUE.
                text.Append(key).Append('=').Append(value.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            }

            await File.WriteAllTextAsync(envFile, text.ToString(), cancellationToken).ConfigureAwait(false);
        }

        if (envJson is { Length: > 0 })
        {
            var json = new JsonObject();
            foreach (var (key, value) in sorted)
            {
                json[key] = value;
            }

            await File.WriteAllTextAsync(envJson, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken).ConfigureAwait(false);
        }
    }
}
