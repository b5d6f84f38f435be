using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Telepath.Kubernetes.Errors;

/// <summary>Reads the API server's Status object out of a failed call.</summary>
public static class KubeStatus
{
    public static HttpStatusCode? StatusCode(Exception e) => (e as HttpOperationException)?.Response?.StatusCode;

    public static bool IsNotFound(Exception e) => StatusCode(e) == HttpStatusCode.NotFound;

    public static bool IsConflict(Exception e) => StatusCode(e) == HttpStatusCode.Conflict;

    public static bool IsForbidden(Exception e) => StatusCode(e) == HttpStatusCode.Forbidden;

    /// <summary>The Status the server sent with the error, when it sent one.</summary>
    public static V1Status? Read(HttpOperationException e)
    {
        var content = e.Response?.Content;
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<V1Status>(content);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The server's own words, else the HTTP status.</summary>
    public static string Message(HttpOperationException e) =>
        Read(e)?.Message is { Length: > 0 } message ? message : $"{(int?)e.Response?.StatusCode} {e.Response?.ReasonPhrase}".Trim();
}
