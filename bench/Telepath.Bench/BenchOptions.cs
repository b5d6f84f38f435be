using System.Globalization;

namespace Telepath.Bench;

/// <summary>The bench's few flags; run.sh passes --work-dir so it can clean up after a killed bench.</summary>
/// <param name="Rows">Rows (a)-(d), their CLI wall times and the nginx anchors.</param>
/// <param name="Kube">The Kubernetes section: connect and intercept against the Kubernetes API test server.</param>
/// <param name="KubeRuns">How many times the Kubernetes section repeats each measured command.</param>
/// <param name="Outbound">The outbound section: the laptop reaching a cluster Service through Telepath in network namespaces.</param>
/// <param name="Far">The far laptop section: bulk transfers through an intercept to a laptop 20 ms away, in a network namespace.</param>
/// <param name="Watch">The watch section (issue 16): keep-alive req/s through (d) with no watcher, a reading one and one that stopped reading.</param>
internal sealed record BenchOptions(string? WorkDirectory, long UploadBytes, bool Anchors, bool Rows, bool Kube, int KubeRuns, bool Outbound, bool Far, bool Watch)
{
    public const string Usage =
        "usage: telepath-bench [--work-dir DIR] [--upload-mb N (each bulk transfer of the rows and the far laptop, default 100)] [--no-anchors] [--no-kube | --kube-only] [--kube-runs N (default 5)] [--no-outbound | --outbound-only] [--no-far | --far-only] [--no-watch | --watch-only]";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(null, 100_000_000, Anchors: true, Rows: true, Kube: true, KubeRuns: 5, Outbound: true, Far: true, Watch: true);
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
            else if (args[i] == "--kube-runs" && int.TryParse(value, CultureInfo.InvariantCulture, out var runs) && runs > 0)
            {
                options = options with { KubeRuns = runs };
                i++;
            }
            else if (args[i] == "--no-anchors")
            {
                options = options with { Anchors = false };
            }
            else if (args[i] == "--no-kube")
            {
                options = options with { Kube = false };
            }
            else if (args[i] == "--kube-only")
            {
                options = options with { Rows = false, Outbound = false, Far = false, Watch = false };
            }
            else if (args[i] == "--no-outbound")
            {
                options = options with { Outbound = false };
            }
            else if (args[i] == "--outbound-only")
            {
                options = options with { Rows = false, Kube = false, Far = false, Watch = false };
            }
            else if (args[i] == "--no-far")
            {
                options = options with { Far = false };
            }
            else if (args[i] == "--far-only")
            {
                options = options with { Rows = false, Kube = false, Outbound = false, Watch = false };
            }
            else if (args[i] == "--no-watch")
            {
                options = options with { Watch = false };
            }
            else if (args[i] == "--watch-only")
            {
                options = options with { Rows = false, Kube = false, Outbound = false, Far = false };
            }
            else
            {
                throw new BenchException($"unknown or incomplete argument \"{args[i]}\"\n{Usage}");
            }
        }

        return options.Rows || options.Kube || options.Outbound || options.Far || options.Watch
            ? options
            : throw new BenchException($"these flags leave nothing to measure\n{Usage}");
    }
}
