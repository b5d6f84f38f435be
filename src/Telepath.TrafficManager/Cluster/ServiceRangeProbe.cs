using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// Asks the API server for its service range where it has no ServiceCIDR API (before 1.33): a
/// server-side dry-run create (<c>dryRun=All</c>: admitted, allocated and validated, never stored)
/// of a Service whose cluster IP is outside every service range, in the manager's own namespace.
/// The refusal names the range (<see cref="OutOfRangeRefusal"/>). One Service for IPv4, one for IPv6.
/// </summary>
internal sealed class ServiceRangeProbe(IKubernetes client, string @namespace)
{
    public const string ServiceName = "telepath-range-probe";

    // Documentation addresses (RFC 5737, RFC 3849): no cluster's service range holds them.
    public static readonly IPAddress[] Addresses = [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("2001:db8::1")];

    public string Namespace => @namespace;

    public async Task<IReadOnlyList<ProbeAnswer>> AskAsync(CancellationToken cancellationToken)
    {
        var answers = new List<ProbeAnswer>();
        foreach (var address in Addresses)
        {
            answers.Add(await AskAsync(address, cancellationToken).ConfigureAwait(false));
        }

        return answers;
    }

    private async Task<ProbeAnswer> AskAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = ServiceName },
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                ClusterIP = address.ToString(),
                ClusterIPs = [address.ToString()],
                Ports = [new V1ServicePort { Port = 80 }],
            },
        };
        try
        {
            await client.CoreV1.CreateNamespacedServiceAsync(service, @namespace, dryRun: "All", cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ProbeAnswer(address, null, "accepted the address, so it is inside a service range");
        }
        catch (HttpOperationException e)
        {
            var status = ReadStatus(e.Response.Content);
            if (OutOfRangeRefusal.RangeIn(status, address) is { } range)
            {
                return new ProbeAnswer(address, range, $"named {range}");
            }

            var said = status?.Message ?? $"HTTP {(int)e.Response.StatusCode}";
            return new ProbeAnswer(address, null, $"answered without a range: {Shorten(said)}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ProbeAnswer(address, null, $"did not answer: {Shorten(e.Message)}", Answered: false);
        }
    }

    private static V1Status? ReadStatus(string? content)
    {
        try
        {
            return string.IsNullOrEmpty(content) ? null : KubernetesJson.Deserialize<V1Status>(content);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The answer goes to the log; a server's text is kept to one short line.
    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}

/// <summary>What the API server answered one probe: the range it named, or null and why not.</summary>
/// <param name="Answered">False when no answer came at all (a broken connection, a timeout): worth asking again.</param>
internal sealed record ProbeAnswer(IPAddress Asked, IPNetwork? Range, string Outcome, bool Answered = true);
