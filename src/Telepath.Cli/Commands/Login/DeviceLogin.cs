using System.Diagnostics;
using Telepath.Cli.Browser;
using Telepath.Core;
using Telepath.Hub.Client;

namespace Telepath.Cli.Commands.Login;

/// <summary>
/// RFC 8628 from the CLI's side: show the code and where to enter it, open the browser where there
/// is one, and poll at the hub's interval (slower when told to) until the user approves, denies or
/// the code expires.
/// </summary>
internal static class DeviceLogin
{
    /// <param name="organisation">Preselected on the approval page; the person may still choose another.</param>
    public static async Task<string> RunAsync(HubClient hub, string? organisation, TextWriter progress, CancellationToken cancellationToken)
    {
        var device = await hub.StartDeviceLoginAsync(organisation, cancellationToken).ConfigureAwait(false);
        var page = device.VerificationUriComplete ?? device.VerificationUri;
        await progress.WriteLineAsync($"To sign in, open {device.VerificationUri} and enter the code {device.UserCode}").ConfigureAwait(false);
        if (BrowserLauncher.TryOpen(page))
        {
            await progress.WriteLineAsync($"(opened {page} in your browser)").ConfigureAwait(false);
        }

        await progress.WriteLineAsync($"waiting for approval (the code expires in {Minutes(device.ExpiresIn)})...").ConfigureAwait(false);
        var interval = TimeSpan.FromSeconds(Math.Max(device.Interval ?? 5, 1));
        var expiry = Stopwatch.StartNew();
        while (expiry.Elapsed < TimeSpan.FromSeconds(device.ExpiresIn))
        {
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            var poll = await hub.PollDeviceTokenAsync(device.DeviceCode, cancellationToken).ConfigureAwait(false);
            if (poll.AccessToken is { } token)
            {
                return token;
            }

            if (poll.SlowDown)
            {
                // RFC 8628 3.5: every slow_down adds five seconds to the interval for good.
                interval += TimeSpan.FromSeconds(5);
            }
            else if (!poll.IsPending)
            {
                throw new UserErrorException(poll.Error switch
                {
                    "access_denied" => $"the sign-in was denied at {hub.Hub}",
                    "expired_token" => "the code expired before it was approved; run \"telepath login\" again",
                    _ => $"the hub at {hub.Hub} refused the sign-in ({poll.Error})",
                });
            }
        }

        throw new UserErrorException("the code expired before it was approved; run \"telepath login\" again");
    }

    private static string Minutes(int seconds) => seconds >= 120 ? $"{seconds / 60} minutes" : $"{seconds} s";
}
