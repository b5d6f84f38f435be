using System.Collections;

namespace Telepath.TrafficAgent.Sessions;

/// <summary>
/// The app container's environment as the injection hands it to the agent: every variable of the
/// app under the prefix <c>TELEPATH_APP_</c>, resolved by the kubelet. The agent reports it, prefix
/// removed, so that <c>telepath intercept --env-file</c> can give the laptop the same variables.
/// </summary>
internal static class AppEnvironment
{
    public const string Prefix = "TELEPATH_APP_";

    public static Dictionary<string, string> Read()
    {
        var app = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length > Prefix.Length)
            {
                app[name[Prefix.Length..]] = entry.Value as string ?? "";
            }
        }

        return app;
    }
}
