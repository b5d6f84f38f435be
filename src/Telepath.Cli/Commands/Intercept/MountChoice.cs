using System.CommandLine.Parsing;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>
/// <c>--mount[=DIR]</c>: on by default, into a fresh directory the daemon picks; <c>--mount=false</c>
/// turns it off; a directory is made absolute here, since the daemon runs in another directory.
/// </summary>
internal static class MountChoice
{
    public static MountRequest Default() => new();

    public static MountRequest Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return Default();
        }

        var value = result.Tokens[0].Value;
        if (bool.TryParse(value, out var enabled))
        {
            return new MountRequest { Disabled = !enabled };
        }

        if (value.Length == 0)
        {
            result.AddError("--mount= needs a directory, or true or false");
            return Default();
        }

        return new MountRequest { Directory = Path.GetFullPath(value) };
    }
}
