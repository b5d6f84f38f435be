using Telepath.Hub.Previews.Proxy;

namespace Telepath.Hub.Tests.Previews.Proxy;

public sealed class ForwardedCookiesTests
{
    [Fact]
    public void The_hubs_cookies_are_kept_back_with_or_without_the_host_prefix()
    {
        var forwarded = ForwardedCookies.Without([
            "__Host-telepath_hub=s; telepath_hub=s; __Host-telepath_csrf=c; __Host-telepath-preview=p",
            "__Host-.AspNetCore.Identity.External=e; app_session=a; __Host-app=b",
        ]);

        Assert.Equal("app_session=a; __Host-app=b", forwarded);
    }
}
