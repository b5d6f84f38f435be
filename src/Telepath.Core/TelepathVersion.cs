using System.Reflection;

namespace Telepath.Core;

public static class TelepathVersion
{
    /// <summary>"v0.1.0", from the assembly's informational version without build metadata.</summary>
    public static string Current { get; } = "v" + (typeof(TelepathVersion).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
