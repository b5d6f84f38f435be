using Telepath.Core;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>
/// Whether an intercept gets a preview URL. Logged in, an intercept is personal by default: with a
/// preview URL, or with --preview-url=false without one (its header printed, to be sent by hand).
/// Conditions of the user's own keep it as they are: the hub could not make requests match them.
/// </summary>
internal static class PreviewChoice
{
    public static bool Decide(bool? flag, InterceptRequest request, bool loggedIn)
    {
        var ownConditions = request.Spec.Headers.Count > 0 || request.Spec.PathPrefix.Length > 0 || request.Spec.PathEqual.Length > 0 || request.Spec.PathRegex.Length > 0;
        if (request.Spec.Mirror)
        {
            // A mirror takes no request from the app: the hub's preview requests would only be copied.
            return flag == true ? throw new UserErrorException("a preview URL cannot be combined with --mirror: the app answers every request") : false;
        }

        if (flag == true)
        {
            if (!loggedIn)
            {
                throw new UserErrorException("a preview URL needs a login to a hub: run \"telepath login\" first");
            }

            if (ownConditions)
            {
                throw new UserErrorException("a preview URL cannot be combined with --http-header NAME=VALUE or --http-path-*: the hub adds only the intercept's own header");
            }

            return true;
        }

        if (!loggedIn || ownConditions)
        {
            return false;
        }

        // Logged in: personal by default, whether or not a preview URL is made for it.
        request.AutoHeader = true;
        return flag is null;
    }
}
