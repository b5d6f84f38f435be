using System.Globalization;

namespace Telepath.Bench;

/// <summary>The bench's few flags; run.sh passes --work-dir so it can clean up after a killed bench.</summary>
internal sealed record BenchOptions(string? WorkDirectory, long UploadBytes, bool Anchors)
{
    public const string Usage = "usage: telepath-bench [--work-dir DIR] [--upload-mb N (default 100)] [--no-anchors]";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(null, 100_000_000, true);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (args[i] == "--work-dir" && value is not null)
            {
                options = options with { WorkDirectory = value };
                i++;
            }
            else if (args[i] == "--upload-mb" && int.TryParse(value, CultureInfo.InvariantCulture, out var mb) && mb > 0)
            {
                options = options with { UploadBytes = mb * 1_000_000L };
                i++;
            }
            else if (args[i] == "--no-anchors")
            {
                options = options with { Anchors = false };
            }
            else
            {
                throw new BenchException($"unknown or incomplete argument \"{args[i]}\"\n{Usage}");
            }
        }

        return options;
    }
}
