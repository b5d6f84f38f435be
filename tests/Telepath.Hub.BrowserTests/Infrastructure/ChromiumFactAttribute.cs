namespace Telepath.Hub.BrowserTests.Infrastructure;

/// <summary>A test in real Chromium: skipped, with the reason, where Debian's chromium is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium.ExecutablePath))
        {
            Skip = $"needs Chromium at {Chromium.ExecutablePath} (apt-get install chromium; .ci/run installs it)";
        }
    }
}
