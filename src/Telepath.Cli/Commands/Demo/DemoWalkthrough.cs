using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Telepath.Cli.Commands.Demo;

/// <summary>The seed's story, step by step, with the real responses printed as they come.</summary>
internal static partial class DemoWalkthrough
{
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        output.WriteLine("Telepath demo. Everything runs on this machine, on 127.0.0.1; nothing is sent anywhere else.");
        output.WriteLine("It starts a traffic manager, a sample service \"orders\" standing for the one in your cluster");
        output.WriteLine("(HTTP and gRPC, fronted by a traffic agent as in a real pod), and a copy of \"orders\" standing");
        output.WriteLine("for the one you run on your laptop. The telepath commands below are the real ones.");
        output.WriteLine();

        var step = 0;
        await using var cluster = await DemoCluster.StartAsync(
            (what, where) => output.WriteLine($"[{++step}/3] started {what} on {where}"), cancellationToken);
        output.WriteLine($"Their output goes to {cluster.Logs} (removed at the end unless a step fails).");
        var laptop = new DemoLaptop(cluster.Directory, output);
        using var probe = new DemoProbe(cluster.Service, output);
        var port = cluster.LocalApp.Port.ToString();
        try
        {
            Heading(output, "1. With no intercept, the service answers from the cluster");
            await probe.GetAsync(cancellationToken);
            await probe.SayAsync(cancellationToken);

            Heading(output, "2. Connect this laptop to the traffic manager");
            await laptop.RunAsync(cancellationToken, "connect", "--manager", cluster.Manager.ToString(), "--token-file", cluster.TokenFile);
            await laptop.RunAsync(cancellationToken, "list");

            Heading(output, "3. A global intercept: every connection to orders now reaches your laptop");
            await laptop.RunAsync(cancellationToken, "intercept", "orders", "--port", port);
            output.WriteLine();
            await probe.GetAsync(cancellationToken);
            await probe.SayAsync(cancellationToken);

            Heading(output, "4. Leave it, and the cluster answers again");
            await laptop.RunAsync(cancellationToken, "leave", "orders");
            output.WriteLine();
            await probe.GetAsync(cancellationToken);

            Heading(output, "5. A personal intercept: only requests with your header reach your laptop");
            var intercept = await laptop.RunAsync(cancellationToken, "intercept", "orders", "--port", port, "--http-header", "auto");
            var header = ("x-telepath-intercept-id", AutoHeaderValue(intercept));
            output.WriteLine();
            await probe.GetAsync(cancellationToken);
            await probe.GetAsync(cancellationToken, header);
            await probe.SayAsync(cancellationToken, header);
            await laptop.RunAsync(cancellationToken, "status");
            await laptop.RunAsync(cancellationToken, "leave", "orders");

            Heading(output, "6. A preview URL: the hub adds your header for whoever opens it");
            var (hub, apiKey) = await DemoHub.StartAsync(cluster, cancellationToken);
            output.WriteLine($"started a preview hub on {hub} (sign in as {DemoHub.Email} / {DemoHub.Password})");
            await laptop.RunAsync(cancellationToken, "login", "--hub", hub.ToString(), "--api-key", apiKey);
            var preview = await laptop.RunAsync(
                cancellationToken, "intercept", "orders", "--port", port, "--ingress-host", "127.0.0.1", "--ingress-port", cluster.Service.Port.ToString(), "--preview-public");
            var previewUrl = PreviewUrl(preview);
            output.WriteLine();
            await probe.GetAsync(cancellationToken);
            await probe.GetPreviewAsync(previewUrl, hub, cancellationToken);
            WaitForTheUser(output, previewUrl, hub);

            Heading(output, "7. Clean up");
            await laptop.RunAsync(cancellationToken, "leave", "orders");
            await laptop.RunAsync(cancellationToken, "logout");
            await laptop.RunAsync(cancellationToken, "quit");
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            output.WriteLine($"The demo's logs stay in {cluster.Logs}.");
            cluster.KeepFolder();
            throw;
        }
        finally
        {
            // Ctrl+C or a failure: never leave the demo's daemon running (its processes stop with the cluster).
            await laptop.RunQuietlyAsync("quit");
        }

        output.WriteLine();
        output.WriteLine($"Demo finished in {clock.Elapsed.TotalSeconds:0.0} s; everything it started has stopped.");
        output.WriteLine("Next: \"telepath --help\", and the README for running it against your own services.");
        return 0;
    }

    // With a terminal, the preview stays up until the user has looked at it; a script goes straight on.
    private static void WaitForTheUser(TextWriter output, string previewUrl, Uri hub)
    {
        if (Console.IsInputRedirected)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"Open {previewUrl} in a browser on this machine: your laptop's page, with the preview banner on HTML pages.");
        output.WriteLine($"The dashboard is {hub}dashboard ({DemoHub.Email} / {DemoHub.Password}). Press Enter to clean up.");
        Console.ReadLine();
    }

    private static string PreviewUrl(string interceptOutput)
    {
        var match = PreviewUrlPattern().Match(interceptOutput);
        return match.Success
            ? match.Groups[1].Value
            : throw new Core.UserErrorException("the demo stopped: the intercept's output shows no preview URL");
    }

    [GeneratedRegex(@"Preview URL   : (\S+)")]
    private static partial Regex PreviewUrlPattern();

    private static void Heading(TextWriter output, string text)
    {
        output.WriteLine();
        output.WriteLine(text);
        output.WriteLine(new string('─', text.Length));
    }

    private static string AutoHeaderValue(string interceptOutput)
    {
        var match = AutoHeaderPattern().Match(interceptOutput);
        return match.Success
            ? match.Groups[1].Value
            : throw new Core.UserErrorException("the demo stopped: the intercept's output shows no x-telepath-intercept-id header");
    }

    [GeneratedRegex("header\\(\"x-telepath-intercept-id\"\\) ~= regexp\\(\"([^\"]+)\"\\)")]
    private static partial Regex AutoHeaderPattern();
}
