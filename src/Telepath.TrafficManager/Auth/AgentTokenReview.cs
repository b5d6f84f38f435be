using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Telepath.Core.Identity;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Auth;

/// <summary>
/// Checks an agent's projected service-account token with a TokenReview for Telepath's audience and
/// learns its pod from the review. An agent opens a tunnel per connection, so verdicts are kept for a
/// minute (refusals for seconds) by the token's hash; at most a few reviews run at once, so a flood of
/// made-up tokens cannot turn the manager into a load on the API server.
/// </summary>
internal sealed class AgentTokenReview(ClusterClient cluster, AgentWorkloads workloads, TimeProvider time, ILogger<AgentTokenReview> logger)
{
    private const int MaxTokenLength = 16 * 1024;
    private const int MaxKept = 4096;
    private const string PodNameExtra = "authentication.kubernetes.io/pod-name";
    private const string PodUidExtra = "authentication.kubernetes.io/pod-uid";
    private const string ServiceAccountPrefix = "system:serviceaccount:";
    private static readonly TimeSpan Trusted = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Distrusted = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReviewTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Verdict> _verdicts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reviewing = new(8);

    public async ValueTask<CallerCheck> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!LooksLikeJwt(token))
        {
            return CallerCheck.Refuse(new CallerRefusal(StatusCode.Unauthenticated,
                "the bearer token is not a service-account token: an agent presents its pod's projected token (audience telepath)"));
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = time.GetUtcNow();
        if (_verdicts.TryGetValue(key, out var kept) && kept.Until > now)
        {
            return await kept.Check.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        Forget(now);
        var review = ReviewAsync(token);
        _verdicts[key] = new Verdict(review, now + Trusted);
        var check = await review.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (check.Refusal is { Code: StatusCode.Unavailable })
        {
            // The cluster could not say: the next attempt asks again.
            _verdicts.TryRemove(key, out _);
        }
        else if (check.Refusal is not null)
        {
            _verdicts[key] = new Verdict(review, now + Distrusted);
        }

        return check;
    }

    private async Task<CallerCheck> ReviewAsync(string token)
    {
        await _reviewing.WaitAsync().ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(ReviewTimeout);
            var review = await cluster.Api.AuthenticationV1.CreateTokenReviewAsync(
                new V1TokenReview
                {
                    ApiVersion = "authentication.k8s.io/v1",
                    Kind = "TokenReview",
                    Spec = new V1TokenReviewSpec { Token = token, Audiences = [KubernetesIdentity.Audience] },
                },
                cancellationToken: timeout.Token).ConfigureAwait(false);
            return await JudgeAsync(review.Status, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            Log.TokenReviewForbidden(logger);
            return CallerCheck.Refuse(new CallerRefusal(StatusCode.Unavailable,
                "the traffic manager may not review tokens (create on tokenreviews.authentication.k8s.io): reinstall it (telepath install) to update its ClusterRole"));
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            Log.TokenReviewFailed(logger, e.Message);
            return CallerCheck.Refuse(new CallerRefusal(StatusCode.Unavailable, $"the cluster could not check the agent's token: {e.Message}"));
        }
        finally
        {
            _reviewing.Release();
        }
    }

    private async Task<CallerCheck> JudgeAsync(V1TokenReviewStatus? status, CancellationToken cancellationToken)
    {
        if (status?.Authenticated != true)
        {
            return Refuse($"the cluster did not accept the agent's token ({(string.IsNullOrEmpty(status?.Error) ? "no reason given" : status.Error)})");
        }

        if (status.Audiences is { Count: > 0 } audiences && !audiences.Contains(KubernetesIdentity.Audience))
        {
            return Refuse($"the agent's token is not for the audience {KubernetesIdentity.Audience}");
        }

        var username = status.User?.Username ?? "";
        var extra = status.User?.Extra;
        if (!username.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal) ||
            One(extra, PodNameExtra) is not { Length: > 0 } podName ||
            One(extra, PodUidExtra) is not { Length: > 0 } podUid)
        {
            return Refuse("the agent's token is not bound to a pod: an agent presents its pod's projected service-account token (audience telepath)");
        }

        var @namespace = username[ServiceAccountPrefix.Length..].Split(':')[0];
        return await workloads.ResolveAsync(@namespace, podName, podUid, cancellationToken).ConfigureAwait(false);
    }

    private static string? One(IDictionary<string, IList<string>>? extra, string key) =>
        extra is not null && extra.TryGetValue(key, out var values) && values.Count == 1 ? values[0] : null;

    private static CallerCheck Refuse(string message) => CallerCheck.Refuse(new CallerRefusal(StatusCode.Unauthenticated, message));

    // A JWT is three base64url parts; anything else is refused without asking the API server.
    private static bool LooksLikeJwt(string token)
    {
        if (token.Length is 0 or > MaxTokenLength)
        {
            return false;
        }

        var parts = token.Split('.');
        return parts.Length == 3 && parts.All(part => part.Length > 0 && Base64Url.IsValid(part));
    }

    private void Forget(DateTimeOffset now)
    {
        if (_verdicts.Count < MaxKept)
        {
            return;
        }

        foreach (var (key, verdict) in _verdicts)
        {
            if (verdict.Until <= now)
            {
                _verdicts.TryRemove(key, out _);
            }
        }

        if (_verdicts.Count >= MaxKept)
        {
            _verdicts.Clear();
        }
    }

    private sealed record Verdict(Task<CallerCheck> Check, DateTimeOffset Until);
}
