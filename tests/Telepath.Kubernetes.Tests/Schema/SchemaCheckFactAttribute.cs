namespace Telepath.Kubernetes.Tests.Schema;

/// <summary>
/// A fact that runs tests/schema-check; skipped, with the command that installs it, where node or
/// its packages are missing (as ToolFact in Telepath.EndToEnd.Tests does for curl and the like).
/// </summary>
public sealed class SchemaCheckFactAttribute : FactAttribute
{
    public SchemaCheckFactAttribute()
    {
        if (SchemaCheck.Missing() is { } missing)
        {
            Skip = $"needs {missing} ({SchemaCheck.InstallCommand})";
        }
    }
}
