using System.Net;
using k8s.Autorest;
using Telepath.Core;

namespace Telepath.Kubernetes.Errors;

/// <summary>
/// A refusal of the API server, or a cluster that went away, in the middle of a command that talks
/// to the cluster itself (the CLI's install and uninstall, the daemon's connect): one line naming
/// the context, not an internal error.
/// </summary>
public static class ClusterErrors
{
    public static async Task<T> WordAsync<T>(string context, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Forbidden)
        {
            throw Forbidden.ToUserError(e, "access", "the resource", null);
        }
        catch (HttpOperationException e)
        {
            throw new UserErrorException($"the cluster of context \"{context}\" refused: {KubeStatus.Message(e)}");
        }
        catch (HttpRequestException e)
        {
            throw new UserErrorException($"lost the cluster of context \"{context}\": {e.Message}");
        }
    }
}
